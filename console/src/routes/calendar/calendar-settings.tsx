import { useEffect, useState } from 'react';
import { App as AntApp, Button, Card, DatePicker, Empty, Form, Input, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { addOverride, removeOverride, saveHours, type Calendar, type CalendarOverride, type ClockMoved, type RequestMoved, type WeekHours } from '../../api/calendar.ts';
import { errorText } from '../../api/client.ts';
import { newIdempotencyKey } from '../../lib/idempotency.ts';
import { useSession } from '../../session/session.tsx';
import { MovedNotice } from './moved-notice.tsx';

/** What the last change re-dated (the server answers it with the change). */
type Moved = { moved: RequestMoved[]; clocks: ClockMoved[] };

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Opening hours per weekday: a switch and two HH:MM fields each. */
export function HoursCard({ calendar, onChanged }: { calendar: Calendar; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { program, can } = useSession();
  const [hours, setHours] = useState<WeekHours>(calendar.hours);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Moved | null>(null);
  useEffect(() => setHours(calendar.hours), [calendar.hours]);
  const editable = can('program.manage');
  const set = (d: (typeof DAYS)[number], v: WeekHours['mon']) => setHours((h) => ({ ...h, [d]: v }));

  async function save() {
    setBusy(true);
    try {
      const r = await saveHours(program!.id, hours);
      setResult({ moved: [], clocks: r.clocks_moved });
      void message.success(t('calendar.hoursSaved'));
      onChanged();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={t('calendar.hours')} extra={editable && <Button type="primary" loading={busy} onClick={() => void save()} data-testid="hours-save">{t('calendar.saveHours')}</Button>}>
      <Space orientation="vertical">
        {result && <MovedNotice testId="hours-moved" moved={result.moved} clocks={result.clocks} onClose={() => setResult(null)} />}
        {DAYS.map((d) => {
          const h = hours[d];
          return (
            <Space key={d} data-testid={`hours-${d}`}>
              <span style={{ display: 'inline-block', width: 48 }}>{t(`calendar.weekdays.${d}`)}</span>
              <Switch checked={!!h} disabled={!editable} checkedChildren={t('calendar.open')} unCheckedChildren={t('calendar.closed')}
                onChange={(on) => set(d, on ? { open: '09:00', close: '18:00' } : null)} />
              {h && <>
                <Input style={{ width: 80 }} value={h.open} disabled={!editable} onChange={(e) => set(d, { ...h, open: e.target.value })} data-testid={`hours-${d}-open`} />
                <span>–</span>
                <Input style={{ width: 80 }} value={h.close} disabled={!editable} onChange={(e) => set(d, { ...h, close: e.target.value })} data-testid={`hours-${d}-close`} />
              </>}
            </Space>
          );
        })}
      </Space>
    </Card>
  );
}

/** The program's own dates: closed, or open with hours; add and remove. */
export function OverridesCard({ calendar, onChanged }: { calendar: Calendar; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { program, can } = useSession();
  const [form] = Form.useForm<{ date: Dayjs; closed: 'closed' | 'open'; open?: string; close?: string; note?: string }>();
  const editable = can('program.manage');
  const [result, setResult] = useState<Moved | null>(null);

  async function add() {
    const v = await form.validateFields();
    try {
      const hours = v.closed === 'open' && v.open && v.close ? { open: v.open, close: v.close } : null;
      const r = await addOverride(program!.id, { date: v.date.format('YYYY-MM-DD'), closed: v.closed === 'closed', hours, ...(v.note ? { note: v.note } : {}) }, newIdempotencyKey());
      setResult({ moved: r.moved, clocks: r.clocks_moved });
      void message.success(t('calendar.added'));
      form.resetFields();
      onChanged();
    } catch (err) {
      void message.error(errorText(err));
    }
  }
  async function remove(date: string) {
    try {
      const r = await removeOverride(program!.id, date);
      setResult({ moved: r.moved, clocks: r.clocks_moved });
      void message.success(t('calendar.removed'));
      onChanged();
    } catch (err) {
      void message.error(errorText(err));
    }
  }
  return (
    <Card title={t('calendar.overrides')}>
      <Typography.Paragraph type="secondary">{t('calendar.overridesHelp')}</Typography.Paragraph>
      {editable && (
        <Form form={form} layout="inline" initialValues={{ closed: 'closed' }} style={{ marginBottom: 16, rowGap: 8 }}>
          <Form.Item name="date" rules={[{ required: true, message: t('calendar.dateRequired') }]}><DatePicker data-testid="override-date" /></Form.Item>
          <Form.Item name="closed"><Select style={{ width: 100 }} data-testid="override-kind" options={[{ value: 'closed', label: t('calendar.closed') }, { value: 'open', label: t('calendar.open') }]} /></Form.Item>
          <Form.Item name="open"><Input placeholder="09:00" style={{ width: 80 }} /></Form.Item>
          <Form.Item name="close"><Input placeholder="18:00" style={{ width: 80 }} /></Form.Item>
          <Form.Item name="note"><Input placeholder={t('calendar.note')} style={{ width: 180 }} data-testid="override-note" /></Form.Item>
          <Button onClick={() => void add()} data-testid="override-add">{t('calendar.addOverride')}</Button>
        </Form>
      )}
      {result && <div style={{ marginBottom: 16 }}><MovedNotice testId="overrides-moved" moved={result.moved} clocks={result.clocks} onClose={() => setResult(null)} /></div>}
      <Table<CalendarOverride> rowKey="date" size="small" pagination={false} dataSource={calendar.overrides} data-testid="overrides-table"
        locale={{ emptyText: <Empty description={t('calendar.noOverrides')} /> }}
        columns={[
          { title: t('calendar.date'), dataIndex: 'date' },
          { title: t('calendar.kind'), render: (_, o) => (o.closed ? <Tag color="red">{t('calendar.closed')}</Tag> : <Tag color="green">{t('calendar.open')}</Tag>) },
          { title: t('calendar.hoursOf'), render: (_, o) => (o.closed ? '—' : o.hours ? `${o.hours.open}–${o.hours.close}` : t('calendar.weekdayHours')) },
          { title: t('calendar.note'), dataIndex: 'note', render: (n: string | null) => n ?? '' },
          ...(editable ? [{ key: 'x', render: (_: unknown, o: CalendarOverride) => (
            <Popconfirm title={t('calendar.remove')} onConfirm={() => void remove(o.date)}><Button size="small" danger data-testid={`override-remove-${o.date}`}>{t('calendar.remove')}</Button></Popconfirm>
          ) }] : []),
        ]} />
    </Card>
  );
}
