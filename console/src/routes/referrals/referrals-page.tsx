import { useCallback, useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Empty, Select, Space, Table, Typography } from 'antd';
import { PlayCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { listReferrals, runReferralJob, type Referral, type ReferralStatus } from '../../api/referrals.ts';
import { formatTime } from '../../lib/format.ts';
import { newIdempotencyKey } from '../../lib/idempotency.ts';
import { useSession } from '../../session/session.tsx';
import { MemberLink, ReferralReason, ReferralStatusTag } from './referral-status-tag.tsx';
import { ReferralSettingsCard } from './referral-settings-card.tsx';
import { ReleaseForm } from './release-form.tsx';

const STATUSES: ReferralStatus[] = ['blocked', 'pending', 'released', 'rewarded', 'void'];

/** 推荐好友: every referral with its status and reason (blocked ones first, to release), and the settings. */
export function ReferralsPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const program = useSession().program!;
  const [status, setStatus] = useState<ReferralStatus | undefined>(undefined);
  const [items, setItems] = useState<Referral[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [releasing, setReleasing] = useState<Referral | null>(null);
  const [running, setRunning] = useState(false);

  const load = useCallback(async () => {
    try {
      setItems((await listReferrals(program.id, status)).items);
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, [program.id, status]);
  useEffect(() => { void load(); }, [load]);

  async function runJob() {
    setRunning(true);
    try {
      const r = await runReferralJob(program.id, newIdempotencyKey());
      void message.success(t('referrals.jobDone', { rewarded: r.rewarded, voided: r.voided, waiting: r.waiting }));
      await load();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setRunning(false);
    }
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('referrals.title')}
        extra={(
          <Space>
            <Select<ReferralStatus | 'all'> value={status ?? 'all'} style={{ width: 140 }} data-testid="referral-filter"
              onChange={(v) => setStatus(v === 'all' ? undefined : v)}
              options={[{ value: 'all', label: t('referrals.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`referrals.statuses.${s}`) }))]} />
            <Button icon={<PlayCircleOutlined />} loading={running} onClick={() => void runJob()} data-testid="referral-run-job">{t('referrals.runJob')}</Button>
          </Space>
        )}
      >
        <Typography.Paragraph type="secondary">{t('referrals.help')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<Referral>
          rowKey="id"
          size="middle"
          loading={items === null && !error}
          dataSource={items ?? []}
          locale={{ emptyText: <Empty description={t('referrals.empty')} /> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="referral-table"
          columns={[
            { title: t('referrals.referrer'), key: 'referrer', render: (_, r) => <MemberLink m={r.referrer} /> },
            { title: t('referrals.friend'), key: 'friend', render: (_, r) => <MemberLink m={r.friend} /> },
            { title: t('referrals.status'), key: 'status', width: 100, render: (_, r) => <ReferralStatusTag status={r.status} /> },
            { title: t('referrals.reason'), key: 'reason', render: (_, r) => <ReferralReason r={r} /> },
            { title: t('referrals.linkedAt'), key: 'created', width: 150, render: (_, r) => formatTime(r.created_at) },
            {
              title: t('common.actions'), key: 'actions', width: 110,
              render: (_, r) => r.status === 'blocked'
                ? <Button size="small" onClick={() => setReleasing(r)} data-testid={`release-${r.id}`}>{t('referrals.release')}</Button>
                : null,
            },
          ]}
        />
      </Card>
      <ReferralSettingsCard />
      <ReleaseForm referral={releasing} onClose={() => setReleasing(null)} onDone={() => void load()} />
    </Space>
  );
}
