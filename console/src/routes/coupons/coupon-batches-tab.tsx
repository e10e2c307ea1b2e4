import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Empty, Form, InputNumber, Progress, Select, Space, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { createBatch, downloadBatchCsv, listBatches, listCouponTypes, type CouponBatch, type CouponType } from '../../api/coupons.ts';
import { formatTime } from '../../lib/format.ts';
import { typeName } from './coupon-text.tsx';

/** Batches of unassigned codes: generate one (a job with a progress bar), download its CSV. */
export function CouponBatchesTab({ programId }: { programId: string }) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<CouponBatch[] | null>(null);
  const [types, setTypes] = useState<CouponType[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ type_id: string; quantity: number }>();
  const load = useCallback(async () => {
    try {
      setItems((await listBatches(programId)).items);
    } catch (err) {
      setError(errorText(err));
    }
  }, [programId]);
  useEffect(() => {
    void load();
    void listCouponTypes(programId).then((r) => setTypes(r.items), (err: unknown) => setError(errorText(err)));
  }, [load, programId]);
  // while a batch is generating, its progress is read every second
  const running = items?.some((b) => b.status === 'running') ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void load(), 1000);
    return () => clearInterval(timer);
  }, [running, load]);

  const submit = async (v: { type_id: string; quantity: number }) => {
    setBusy(true);
    setError(null);
    try {
      await createBatch(programId, v);
      await load();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const nameOf = (id: string) => {
    const ty = types.find((x) => x.id === id);
    return ty ? typeName(i18n.language, ty) : id;
  };
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="batch-error" />}
      <Form form={form} layout="inline" onFinish={(v) => void submit(v)} initialValues={{ quantity: 500 }} style={{ marginBottom: 16 }}>
        <Form.Item name="type_id" label={t('coupons.type')} rules={[{ required: true, message: t('coupons.required') }]}>
          <Select style={{ width: 220 }} data-testid="batch-type" options={types.filter((x) => x.active).map((x) => ({ value: x.id, label: typeName(i18n.language, x) }))} />
        </Form.Item>
        <Form.Item name="quantity" label={t('coupons.quantity')} rules={[{ required: true, message: t('coupons.required') }]}>
          <InputNumber min={1} max={100_000} data-testid="batch-quantity" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="batch-create">{t('coupons.createBatch')}</Button>
      </Form>
      <Table<CouponBatch>
        rowKey="id" pagination={false} loading={items === null && !error} dataSource={items ?? []} data-testid="batch-table"
        locale={{ emptyText: <Empty description={t('coupons.emptyBatches')} /> }}
        columns={[
          { title: t('coupons.created'), key: 'created', render: (_, b) => formatTime(b.created_at) },
          { title: t('coupons.type'), key: 'type', render: (_, b) => nameOf(b.type_id) },
          { title: t('coupons.codes'), key: 'quantity', render: (_, b) => b.quantity.toLocaleString() },
          {
            title: t('coupons.progress'), key: 'progress', width: 260,
            render: (_, b) => (
              <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                <Progress percent={Math.floor((b.done / b.quantity) * 100)} size="small" status={b.status === 'failed' ? 'exception' : b.status === 'done' ? 'success' : 'active'} />
                <span>{t(`coupons.batchStatus.${b.status}`)} · {b.done.toLocaleString()} / {b.quantity.toLocaleString()}</span>
              </Space>
            ),
          },
          {
            title: '', key: 'csv',
            render: (_, b) => <Button icon={<DownloadOutlined />} disabled={b.status !== 'done'} onClick={() => void downloadBatchCsv(programId, b.id).catch((err: unknown) => setError(errorText(err)))}>{t('coupons.download')}</Button>,
          },
        ]}
      />
    </>
  );
}
