import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Empty, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { listRightsRequests, type RightsKind, type RightsRequest, type RightsStatus } from '../../api/rights.ts';
import { formatTime } from '../../lib/format.ts';
import { useSession } from '../../session/session.tsx';
import { FileRequestForm } from './file-request-form.tsx';
import { RefuseForm } from './refuse-form.tsx';
import { RequestDrawer } from './request-drawer.tsx';
import { DueDate, RightsMember, RightsStatusTag } from './rights-tags.tsx';

const STATUSES: RightsStatus[] = ['received', 'in_progress', 'completed', 'refused'];
const KINDS: RightsKind[] = ['copy', 'correction', 'deletion'];

/** 个人信息权利: every request with its due date (overdue in red), filters, and the drawer to handle one. */
export function RightsPage() {
  const { t } = useTranslation();
  const program = useSession().program!;
  const [status, setStatus] = useState<RightsStatus | undefined>(undefined);
  const [kind, setKind] = useState<RightsKind | undefined>(undefined);
  const [overdue, setOverdue] = useState(false);
  const [items, setItems] = useState<RightsRequest[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filing, setFiling] = useState(false);
  const [open, setOpen] = useState<RightsRequest | null>(null);
  const [refusing, setRefusing] = useState<RightsRequest | null>(null);

  const load = useCallback(async () => {
    try {
      setItems((await listRightsRequests(program.id, { status, kind, overdue: overdue ? 'true' : undefined })).items);
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, [program.id, status, kind, overdue]);
  useEffect(() => { void load(); }, [load]);
  const changed = (r: RightsRequest) => {
    setOpen(r);
    void load();
  };

  return (
    <Card
      title={t('rights.title')}
      extra={(
        <Space wrap>
          <Select<RightsStatus | 'all'> value={status ?? 'all'} style={{ width: 120 }} data-testid="rights-filter-status" onChange={(v) => setStatus(v === 'all' ? undefined : v)}
            options={[{ value: 'all', label: t('rights.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: t(`rights.statuses.${s}`) }))]} />
          <Select<RightsKind | 'all'> value={kind ?? 'all'} style={{ width: 120 }} data-testid="rights-filter-kind" onChange={(v) => setKind(v === 'all' ? undefined : v)}
            options={[{ value: 'all', label: t('rights.allKinds') }, ...KINDS.map((k) => ({ value: k, label: t(`rights.kinds.${k}`) }))]} />
          <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)} data-testid="rights-filter-overdue">{t('rights.overdueOnly')}</Checkbox>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFiling(true)} data-testid="rights-file">{t('rights.create')}</Button>
        </Space>
      )}
    >
      <Typography.Paragraph type="secondary">{t('rights.help')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<RightsRequest>
        rowKey="id"
        size="middle"
        loading={items === null && !error}
        dataSource={items ?? []}
        locale={{ emptyText: <Empty description={t('rights.empty')} /> }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="rights-table"
        onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' }, 'data-testid': `rights-row-${r.id}` } as object)}
        columns={[
          { title: t('rights.receivedAt'), key: 'received', width: 150, render: (_, r) => formatTime(r.received_at) },
          { title: t('rights.member'), key: 'member', render: (_, r) => <RightsMember r={r} /> },
          { title: t('rights.kind'), key: 'kind', width: 100, render: (_, r) => t(`rights.kinds.${r.kind}`) },
          { title: t('rights.channel'), key: 'channel', width: 100, render: (_, r) => t(`rights.channels.${r.channel}`) },
          { title: t('rights.status'), key: 'status', width: 100, render: (_, r) => <RightsStatusTag status={r.status} /> },
          { title: t('rights.dueOn'), key: 'due', width: 170, render: (_, r) => <DueDate r={r} /> },
        ]}
      />
      <FileRequestForm open={filing} onClose={() => setFiling(false)} onDone={(r) => { setFiling(false); changed(r); }} />
      <RequestDrawer request={open} onClose={() => setOpen(null)} onChanged={changed} onRefuse={setRefusing} />
      <RefuseForm request={refusing} onClose={() => setRefusing(null)} onDone={(r) => { setRefusing(null); changed(r); }} />
    </Card>
  );
}
