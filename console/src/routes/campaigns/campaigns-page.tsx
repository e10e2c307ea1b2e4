import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Progress, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { listCampaigns } from '../../api/endpoints.ts';
import type { Campaign } from '../../api/types.ts';
import { formatPoints } from '../../lib/money.ts';
import { useSession } from '../../session/session.tsx';
import { CampaignForm } from './campaign-form.tsx';
import { budgetShare, CampaignStatusTag } from './campaign-status-tag.tsx';
import { errorText } from '../../api/client.ts';

/** 营销活动: every campaign with its status, dates and budget used. */
export function CampaignsPage() {
  const { t, i18n } = useTranslation();
  const { program } = useSession();
  const navigate = useNavigate();
  const [items, setItems] = useState<Campaign[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const pid = program?.id ?? '';

  const load = useCallback(async () => {
    if (!pid) return;
    try {
      setItems((await listCampaigns(pid)).items);
    } catch (err) {
      setError(errorText(err));
    }
  }, [pid]);
  useEffect(() => { void load(); }, [load]);

  const name = (c: Campaign) => (i18n.language === 'en' && c.name_en ? c.name_en : c.name);
  return (
    <Card title={t('campaigns.title')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-create">{t('campaigns.create')}</Button>}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Table<Campaign>
        rowKey="id"
        loading={items === null && !error}
        dataSource={items ?? []}
        locale={{ emptyText: <Empty description={t('campaigns.empty')} /> }}
        onRow={(c) => ({ onClick: () => void navigate(`/campaigns/${c.id}`), style: { cursor: 'pointer' } })}
        data-testid="campaign-table"
        pagination={false}
        columns={[
          { title: t('campaigns.name'), key: 'name', render: (_, c) => <Typography.Link>{name(c)}</Typography.Link> },
          { title: t('campaigns.kind'), key: 'kind', render: (_, c) => t(`campaigns.kinds.${c.kind}`) },
          { title: t('campaigns.status'), key: 'status', render: (_, c) => <CampaignStatusTag status={c.status} /> },
          {
            title: t('campaigns.dates'), key: 'dates',
            render: (_, c) => `${dayjs(c.starts_at).format('YYYY-MM-DD')} — ${dayjs(c.ends_at).subtract(1, 'ms').format('YYYY-MM-DD')}`,
          },
          {
            title: t('campaigns.budgetUsed'), key: 'budget', width: 240,
            render: (_, c) => {
              const share = budgetShare(c);
              return (
                <Space direction="vertical" size={0} style={{ width: '100%' }}>
                  {share !== null && <Progress percent={share} size="small" status={share >= 100 ? 'exception' : 'normal'} />}
                  <Typography.Text type="secondary">{formatPoints(c.budget_used)} / {c.budget_points === null ? t('campaigns.noBudget') : formatPoints(c.budget_points)}</Typography.Text>
                </Space>
              );
            },
          },
          { title: t('campaigns.holdout'), dataIndex: 'holdout_pct', key: 'holdout' },
        ]}
      />
      <CampaignForm programId={pid} campaign={null} open={creating} onClose={() => setCreating(false)} onSaved={(c) => { setCreating(false); void navigate(`/campaigns/${c.id}`); }} />
    </Card>
  );
}
