import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorText } from '../../api/client.ts';
import { listSegments, runSegmentsJob } from '../../api/endpoints.ts';
import type { Segment } from '../../api/types.ts';
import { formatTime } from '../../lib/format.ts';
import { useLang } from '../../session/lang.tsx';
import { useSession } from '../../session/session.tsx';
import { describeConditions } from './conditions.ts';
import { useProgramNames } from './use-program-names.ts';

export const segmentName = (s: Pick<Segment, 'name' | 'name_en'>, lang: string) => (lang === 'en' && s.name_en ? s.name_en : s.name);

export function SegmentListPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const program = useSession().program!;
  const names = useProgramNames(program.id);
  const [items, setItems] = useState<Segment[] | null>(null);
  const [running, setRunning] = useState(false);

  const load = useCallback(async () => {
    try {
      setItems((await listSegments(program.id)).items);
    } catch (err) {
      void message.error(errorText(err));
      setItems([]);
    }
  }, [program.id, message]);
  useEffect(() => { void load(); }, [load]);

  async function runAll() {
    setRunning(true);
    try {
      const r = await runSegmentsJob(program.id);
      void message.success(t('segments.refreshedAll', { count: r.segments.length }));
      await load();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setRunning(false);
    }
  }

  const columns: TableColumnsType<Segment> = [
    { title: t('segments.name'), dataIndex: 'name', width: 200, render: (_: string, s) => <Link to={`/segments/${s.id}`}>{segmentName(s, lang)}</Link> },
    {
      title: t('segments.conditions'), dataIndex: 'conditions',
      render: (c: Segment['conditions']) => {
        const parts = describeConditions(c, t, names);
        return parts.length ? <Space size={[4, 4]} wrap>{parts.map((p) => <Tag key={p}>{p}</Tag>)}</Space> : <Typography.Text type="secondary">{t('segments.noConditions')}</Typography.Text>;
      },
    },
    {
      title: t('segments.size'), dataIndex: 'size', width: 110, align: 'right',
      render: (n: number | null) => <span data-testid="segment-size">{n === null ? '—' : n.toLocaleString('en-US')}</span>,
    },
    { title: t('segments.refreshedAt'), dataIndex: 'refreshed_at', width: 170, render: (v: string | null) => (v ? formatTime(v) : t('segments.never')) },
  ];

  return (
    <Card
      title={t('segments.title')}
      extra={
        <Space>
          <Tooltip title={t('segments.freshness')}>
            <Button icon={<SyncOutlined />} loading={running} onClick={() => void runAll()} data-testid="segments-run">{t('segments.refreshAll')}</Button>
          </Tooltip>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/segments/new')} data-testid="segment-create">{t('segments.create')}</Button>
        </Space>
      }
      styles={{ body: { padding: 0 } }}
    >
      <Table<Segment>
        rowKey="id" columns={columns} dataSource={items ?? []} loading={items === null} pagination={false}
        locale={{ emptyText: t('segments.empty') }}
        onRow={(s) => ({ ...({ 'data-testid': 'segment-row', 'data-segment-id': s.id } as object) })}
      />
      <Typography.Paragraph type="secondary" style={{ margin: 16 }}>{t('segments.freshness')}</Typography.Paragraph>
    </Card>
  );
}
