import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Empty, Form, Input, Select, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { issueGoodwill, listCoupons, listCouponTypes, type Coupon, type CouponType } from '../../../api/coupons.ts';
import { FormModal } from '../../../lib/form-modal.tsx';
import { formatFen } from '../../../lib/money.ts';
import { formatTime } from '../../../lib/format.ts';
import { CouponStateTag, typeName, validRange } from '../../coupons/coupon-text.tsx';

/** The member's coupons (newest first) and, for an admin, a goodwill coupon for a service case. */
export function MemberCouponsCard({ programId, memberId, canIssue }: { programId: string; memberId: string; canIssue: boolean }) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<Coupon[] | null>(null);
  const [types, setTypes] = useState<CouponType[]>([]);
  const [open, setOpen] = useState(false);
  const load = useCallback(async () => {
    setItems((await listCoupons(programId, { member_id: memberId, limit: 50 })).items);
  }, [programId, memberId]);
  useEffect(() => { void load().catch(() => setItems([])); }, [load]);
  useEffect(() => {
    if (open) void listCouponTypes(programId).then((r) => setTypes(r.items.filter((x) => x.active)), () => setTypes([]));
  }, [open, programId]);
  return (
    <Card
      title={t('coupons.memberTitle')} data-testid="member-coupons"
      extra={canIssue && <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="coupon-goodwill">{t('coupons.goodwill')}</Button>}
    >
      <Table<Coupon>
        rowKey="id" size="small" pagination={{ pageSize: 10, hideOnSinglePage: true }} loading={items === null} dataSource={items ?? []}
        locale={{ emptyText: <Empty description={t('coupons.memberEmpty')} /> }}
        columns={[
          { title: t('coupons.code'), key: 'code', render: (_, c) => <Typography.Text copyable style={{ fontFamily: 'monospace' }}>{c.code}</Typography.Text> },
          { title: t('coupons.type'), key: 'type', render: (_, c) => typeName(i18n.language, c) },
          { title: t('coupons.state'), key: 'state', render: (_, c) => <CouponStateTag state={c.state} /> },
          { title: t('coupons.source'), key: 'source', render: (_, c) => `${t(`coupons.sources.${c.source}`)}${c.reason ? ` · ${c.reason}` : ''}` },
          { title: t('coupons.validRange'), key: 'valid', render: (_, c) => validRange(c) },
          { title: t('coupons.usedAt'), key: 'used', render: (_, c) => (c.consumed_at ? `${formatTime(c.consumed_at)} · ${c.consumed_store_name ?? ''} · ¥${formatFen(c.discount_fen ?? 0)}` : '—') },
        ]}
      />
      <FormModal<{ type_id: string; reason: string }>
        open={open} title={t('coupons.goodwill')} testId="goodwill-form" onClose={() => setOpen(false)}
        onSubmit={async (v, key) => {
          const c = await issueGoodwill(programId, memberId, v, key);
          await load();
          return t('coupons.goodwillDone', { code: c.code });
        }}
      >
        <Form.Item name="type_id" label={t('coupons.type')} rules={[{ required: true, message: t('coupons.required') }]}>
          <Select options={types.map((x) => ({ value: x.id, label: typeName(i18n.language, x) }))} data-testid="goodwill-type" />
        </Form.Item>
        <Form.Item name="reason" label={t('coupons.goodwillReason')} rules={[{ required: true, message: t('coupons.required') }]}>
          <Input.TextArea maxLength={500} rows={2} data-testid="goodwill-reason" />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
