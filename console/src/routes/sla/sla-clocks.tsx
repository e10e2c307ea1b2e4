import { useCallback, useEffect, useState } from 'react';
import { Alert, Card, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { listClocks, type SlaClock } from '../../api/sla.ts';
import { useSession } from '../../session/session.tsx';
import type { Lang } from '../../i18n/index.ts';

/** The state tag: running blue, paused grey, due soon amber, breached red, met green (late: orange). */
const STATUS_COLOR: Record<SlaClock['status'], string> = {
  running: 'blue', warning: 'gold', paused: 'default', breached: 'red', met: 'green', late: 'orange', cancelled: 'default',
};

/** A clock's state as a tag (also a case's next deadline in the queue). */
export function ClockStatus({ clock }: { clock: Pick<SlaClock, 'status' | 'metric'> }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[clock.status]} style={{ marginInlineEnd: 0 }} data-testid={`clock-status-${clock.metric}`}>{t(`sla.statuses.${clock.status}`)}</Tag>;
}

/** The due time in the program's zone, with a provisional flag when a year has no official schedule. */
export function ClockDue({ clock }: { clock: SlaClock }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <span>{clock.due_local}</span>
      {clock.due_provisional && <Tooltip title={t('sla.provisionalHelp')}><Tag color="warning" icon={<WarningOutlined />}>{t('sla.provisional')}</Tag></Tooltip>}
    </Space>
  );
}

/**
 * A subject's service-level clocks (the cases helper's case page mounts it): metric, due time
 * with its "3 个工作日" label, state, provisional warning and the explanation with paused spans.
 */
export function SlaClocks({ subjectType, subjectId, reloadKey }: { subjectType: string; subjectId: string; reloadKey?: unknown }) {
  const { t, i18n } = useTranslation();
  const { program } = useSession();
  const pid = program?.id ?? '';
  const lang = (i18n.language === 'en' ? 'en' : 'zh') as Lang;
  const [clocks, setClocks] = useState<SlaClock[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    listClocks(pid, subjectType, subjectId).then((r) => { setClocks(r.items); setError(null); }, (err: unknown) => setError(errorText(err)));
  }, [pid, subjectType, subjectId]);
  useEffect(() => { if (pid) load(); }, [pid, load, reloadKey]);

  return (
    <Card size="small" title={t('sla.clocksTitle')} loading={clocks === null && !error} data-testid="sla-clocks">
      {error && <Alert type="error" title={error} />}
      {clocks && clocks.some((c) => c.due_provisional) && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('sla.provisionalHelp')} data-testid="sla-provisional" />}
      {clocks && clocks.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sla.noClocks')} />}
      {clocks && clocks.length > 0 && (
        <Table<SlaClock>
          rowKey="id" size="small" pagination={false} dataSource={clocks}
          columns={[
            { title: t('sla.metric'), key: 'metric', render: (_, c) => t(`sla.metrics.${c.metric}`) },
            { title: t('sla.target'), key: 'target', render: (_, c) => c.target_label[lang] },
            { title: t('sla.due'), key: 'due', render: (_, c) => <ClockDue clock={c} /> },
            { title: t('sla.status'), key: 'status', render: (_, c) => <ClockStatus clock={c} /> },
          ]}
          expandable={{
            defaultExpandAllRows: true,
            expandedRowRender: (c) => <Typography.Text type="secondary" data-testid={`clock-explanation-${c.metric}`}>{c.explanation[lang]}</Typography.Text>,
          }}
        />
      )}
    </Card>
  );
}
