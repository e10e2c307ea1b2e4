import { useEffect, useState } from 'react';
import { App, DatePicker, Space, Table, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { agents as agentFigures, pct, type AgentFigures } from '../../api/quality.ts';

/** Per agent: quality score beside SLA compliance and CSAT; "—" where a figure does not exist. */
export function AgentsTab({ pid, version }: { pid: string; version: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(29, 'day'), dayjs()]);
  const [items, setItems] = useState<AgentFigures[] | null>(null);
  useEffect(() => {
    setItems(null);
    void agentFigures(pid, range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD')).then((r) => setItems(r.items))
      .catch((err: unknown) => { void message.error(errorText(err)); setItems([]); });
  }, [pid, range, version, message]);
  const trend = (a: AgentFigures) => {
    if (a.quality === null || a.previous_quality === null) return '—';
    const d = a.quality - a.previous_quality;
    if (Math.abs(d) < 0.0005) return '±0';
    return <Typography.Text type={d > 0 ? 'success' : 'danger'}>{d > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {pct(Math.abs(d))}</Typography.Text>;
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <span>{t('quality.agents.range')}</span>
        <DatePicker.RangePicker allowClear={false} value={range} onChange={(v) => { if (v?.[0] && v[1]) setRange([v[0], v[1]]); }} />
        <Typography.Text type="secondary">{t('quality.agents.noFigure')}</Typography.Text>
      </Space>
      <Table<AgentFigures> rowKey="agent_id" size="middle" loading={items === null} dataSource={items ?? []} pagination={false}
        locale={{ emptyText: t('quality.agents.none') }} data-testid="agents-table"
        onRow={(a) => ({ 'data-testid': `agent-row-${a.agent_name ?? a.agent_id}` } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('quality.agent'), key: 'agent', render: (_, a) => a.agent_name ?? a.agent_id },
          { title: t('quality.agents.quality'), key: 'quality', align: 'right', render: (_, a) => <span data-testid="agent-quality">{pct(a.quality)}</span> },
          { title: t('quality.agents.trend'), key: 'trend', align: 'right', render: (_, a) => trend(a) },
          { title: t('quality.agents.sla'), key: 'sla', align: 'right', render: (_, a) => pct(a.sla) },
          { title: t('quality.agents.csat'), key: 'csat', align: 'right', render: (_, a) => pct(a.csat) },
          { title: t('quality.agents.reviews'), key: 'reviews', align: 'right', render: (_, a) => <span data-testid="agent-reviews">{a.reviews}</span> },
        ]} />
    </Space>
  );
}
