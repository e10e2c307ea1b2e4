import { useCallback, useEffect, useState } from 'react';
import { App as AntApp, Card, InputNumber, Space, Switch, Table, Typography } from 'antd';
import { GiftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { listEventRewards, setEventReward } from '../../api/endpoints.ts';
import type { EventReward } from '../../api/types.ts';
import { useSession } from '../../session/session.tsx';
import { errorText } from '../../api/client.ts';

/** Points for what a member does besides buying: a sign-up, a completed profile, a birthday, and the hooks. */
export function EventRewardsCard() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { program } = useSession();
  const [items, setItems] = useState<EventReward[] | null>(null);
  const load = useCallback(() => {
    listEventRewards(program!.id).then((r) => setItems(r.items), () => setItems([]));
  }, [program]);
  useEffect(load, [load]);

  async function save(row: EventReward, change: Partial<Pick<EventReward, 'points' | 'active'>>) {
    const next = { points: change.points ?? row.points, active: change.active ?? row.active };
    try {
      const saved = await setEventReward(program!.id, row.event, next);
      setItems((xs) => xs?.map((x) => (x.event === row.event ? saved : x)) ?? null);
      void message.success(t('rules.events.saved'));
    } catch (err) {
      void message.error(errorText(err));
    }
  }

  return (
    <Card title={<Space><GiftOutlined />{t('rules.events.title')}</Space>} loading={!items} data-testid="event-rewards">
      <Typography.Paragraph type="secondary">{t('rules.events.help')}</Typography.Paragraph>
      <Table<EventReward>
        rowKey="event"
        size="small"
        pagination={false}
        dataSource={items ?? []}
        columns={[
          { title: t('rules.events.event'), dataIndex: 'event', render: (e: EventReward['event']) => <span data-testid={`event-${e}`}>{t(`rules.events.names.${e}`)}</span> },
          { title: t('rules.events.when'), dataIndex: 'event', render: (e: EventReward['event']) => <Typography.Text type="secondary">{t(`rules.events.whens.${e}`)}</Typography.Text> },
          {
            title: t('rules.events.points'), dataIndex: 'points', width: 160,
            render: (points: number, row) => (
              <InputNumber min={0} max={1_000_000} precision={0} defaultValue={points} style={{ width: 120 }} data-testid={`event-points-${row.event}`}
                onBlur={(e) => { const n = Number(e.target.value); if (Number.isInteger(n) && n !== row.points) void save(row, { points: n }); }} />
            ),
          },
          { title: t('rules.events.active'), dataIndex: 'active', width: 90, render: (active: boolean, row) => <Switch checked={active} onChange={(on) => void save(row, { active: on })} data-testid={`event-active-${row.event}`} /> },
        ]}
      />
    </Card>
  );
}
