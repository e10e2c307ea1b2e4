import { useCallback, useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, DatePicker, InputNumber, Input, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { checkDate, getCalendar, loadYear, type Calendar, type CalendarYear, type DateCheck, type YearLoaded } from '../../api/calendar.ts';
import { errorText } from '../../api/client.ts';
import { ActorName } from '../../lib/actor-name.tsx';
import { formatTime } from '../../lib/format.ts';
import { newIdempotencyKey } from '../../lib/idempotency.ts';
import { useSession } from '../../session/session.tsx';
import { HoursCard, OverridesCard } from './calendar-settings.tsx';
import { MovedNotice } from './moved-notice.tsx';

const STATUS_COLOR = { official: 'green', loaded: 'blue', unknown: 'orange' } as const;

/** 工作日历: the years and their status (unknown ones warned), hours, the program's own dates, and a date check. */
export function CalendarPage() {
  const { t } = useTranslation();
  const { program, can } = useSession();
  const [calendar, setCalendar] = useState<Calendar | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const load = useCallback(async () => {
    try {
      setCalendar(await getCalendar(program!.id));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, [program]);
  useEffect(() => { void load(); }, [load]);
  if (error) return <Alert type="error" title={error} />;
  if (!calendar) return null;
  const reload = () => void load();

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="calendar-page">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('calendar.title')}</Typography.Title>
      <Typography.Text type="secondary">{t('calendar.help')}</Typography.Text>
      {calendar.provisional_years.length > 0 && (
        <Alert type="warning" showIcon data-testid="calendar-unknown-banner" title={t('calendar.unknownBanner', { years: calendar.provisional_years.join('、') })} />
      )}
      <Card title={t('calendar.years')} extra={can('program.manage') && <Button onClick={() => setLoading(true)} data-testid="year-load-open">{t('calendar.loadYear')}</Button>}>
        <Table<CalendarYear> rowKey="year" size="small" pagination={false} dataSource={calendar.years} data-testid="years-table"
          columns={[
            { title: t('calendar.year'), dataIndex: 'year' },
            { title: t('calendar.status'), render: (_, y) => <Tag color={STATUS_COLOR[y.status]} data-testid={`year-status-${y.year}`}>{t(`calendar.statuses.${y.status}`)}</Tag> },
            { title: t('calendar.loadedAt'), render: (_, y) => (y.loaded_at ? <>{formatTime(y.loaded_at)} · <ActorName id={y.loaded_by} /></> : '') },
            { title: t('calendar.days'), render: (_, y) => (y.status === 'loaded' ? y.days.length : '') },
          ]} />
      </Card>
      <CheckCard />
      <HoursCard calendar={calendar} onChanged={reload} />
      <OverridesCard calendar={calendar} onChanged={reload} />
      <LoadYearModal open={loading} onClose={() => setLoading(false)} onLoaded={reload} />
    </Space>
  );
}

function CheckCard() {
  const { t } = useTranslation();
  const program = useSession().program!;
  const [date, setDate] = useState<Dayjs | null>(null);
  const [add, setAdd] = useState<number | null>(15);
  const [answer, setAnswer] = useState<DateCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function ask() {
    if (!date) return;
    try {
      setAnswer(await checkDate(program.id, date.format('YYYY-MM-DD'), add ?? undefined));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <Card title={t('calendar.check')}>
      <Typography.Paragraph type="secondary">{t('calendar.checkHelp')}</Typography.Paragraph>
      <Space wrap>
        <DatePicker value={date} onChange={setDate} data-testid="check-date" />
        <span>{t('calendar.addDays')}</span>
        <InputNumber min={0} max={366} value={add} onChange={setAdd} data-testid="check-add" />
        <Button type="primary" onClick={() => void ask()} data-testid="check-ask">{t('calendar.ask')}</Button>
      </Space>
      {error && <Alert type="error" title={error} style={{ marginTop: 12 }} />}
      {answer && (
        <Space style={{ marginTop: 12 }} data-testid="check-answer" wrap>
          <span>{answer.date}</span>
          {answer.working ? <Tag color="green">{t('calendar.working')}</Tag> : <Tag>{t('calendar.notWorking')}</Tag>}
          {answer.hours && <span>{answer.hours.open}–{answer.hours.close}</span>}
          {answer.added && <strong>{t('calendar.result', { n: answer.added.n, date: answer.added.date })}</strong>}
          {answer.provisional && <Tag color="orange">{t('calendar.provisional')}</Tag>}
        </Space>
      )}
    </Card>
  );
}

function LoadYearModal({ open, onClose, onLoaded }: { open: boolean; onClose: () => void; onLoaded: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const program = useSession().program!;
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<YearLoaded | null>(null);
  async function submit() {
    let body: { year?: unknown };
    try {
      body = JSON.parse(text) as { year?: unknown };
    } catch {
      setError(t('calendar.badJson'));
      return;
    }
    try {
      const r = await loadYear(program.id, Number(body.year), body, newIdempotencyKey());
      setResult(r);
      setError(null);
      void message.success(t('calendar.loaded', { year: r.year.year }));
      onLoaded();
    } catch (err) {
      setError(errorText(err));
    }
  }
  const close = () => { setText(''); setResult(null); setError(null); onClose(); };
  return (
    <Modal open={open} title={t('calendar.loadYear')} onCancel={close} onOk={result ? close : () => void submit()} okText={result ? 'OK' : t('calendar.load')} okButtonProps={{ 'data-testid': 'year-load-submit' } as Record<string, string>} width={640}>
      <Typography.Paragraph type="secondary">{t('calendar.loadHelp')}</Typography.Paragraph>
      {!result && <>
        <Upload accept=".json,application/json" showUploadList={false} beforeUpload={(f) => { void f.text().then(setText); return false; }}>
          <Button>{t('calendar.upload')}</Button>
        </Upload>
        <Input.TextArea rows={8} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('calendar.paste')} style={{ marginTop: 8, fontFamily: 'monospace' }} data-testid="year-json" />
      </>}
      {error && <Alert type="error" title={error} style={{ marginTop: 12 }} data-testid="year-load-error" />}
      {result && (
        <div style={{ marginTop: 12 }}><MovedNotice testId="year-load-result" moved={result.moved} clocks={result.clocks_moved} /></div>
      )}
    </Modal>
  );
}
