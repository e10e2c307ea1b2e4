import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../api/client.ts';
import { listSurveys, type Survey } from '../../api/surveys.ts';
import { formatTime } from '../../lib/format.ts';
import { useSession } from '../../session/session.tsx';

export const KIND_COLOR = { csat: 'blue', nps: 'purple', custom: 'cyan' } as const;
export const STATUS_COLOR = { draft: 'default', active: 'green', closed: 'default' } as const;

/** 满意度调查: every survey with how many were invited and answered; a new one is built on its own page. */
export function SurveysPage() {
  const { t } = useTranslation();
  const { program, can } = useSession();
  const navigate = useNavigate();
  const [items, setItems] = useState<Survey[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setItems((await listSurveys(program!.id)).items);
    } catch (err) {
      setError(errorText(err));
    }
  }, [program]);
  useEffect(() => { void load(); }, [load]);
  if (error) return <Alert type="error" title={error} />;
  const rate = (s: Survey) => (s.invited ? `${Math.round((1000 * s.answered) / s.invited) / 10}%` : '—');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="surveys-page">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('surveys.title')}</Typography.Title>
      <Typography.Text type="secondary">{t('surveys.help')}</Typography.Text>
      <Card extra={can('surveys.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/surveys/new')} data-testid="survey-new">{t('surveys.add')}</Button>}>
        <Table<Survey> rowKey="id" loading={!items} dataSource={items ?? []} pagination={false} data-testid="surveys-table" locale={{ emptyText: t('surveys.empty') }}
          onRow={(s) => ({ onClick: () => void navigate(`/surveys/${s.id}`), style: { cursor: 'pointer' }, 'data-testid': `survey-row-${s.id}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('surveys.col.title'), dataIndex: 'title', render: (v: string) => <Typography.Link>{v}</Typography.Link> },
            { title: t('surveys.col.kind'), render: (_, s) => <Tag color={KIND_COLOR[s.kind]}>{t(`surveys.kinds.${s.kind}`)}</Tag> },
            { title: t('surveys.col.status'), render: (_, s) => <Tag color={STATUS_COLOR[s.status]}>{t(`surveys.statuses.${s.status}`)}</Tag> },
            { title: t('surveys.col.invited'), dataIndex: 'invited', align: 'right' },
            { title: t('surveys.col.answered'), dataIndex: 'answered', align: 'right' },
            { title: t('surveys.col.rate'), render: (_, s) => rate(s), align: 'right' },
            { title: t('surveys.col.created'), render: (_, s) => formatTime(s.created_at) },
          ]} />
      </Card>
    </Space>
  );
}
