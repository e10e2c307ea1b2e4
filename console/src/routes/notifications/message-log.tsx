import { useCallback, useEffect, useState } from 'react';
import { App, Button, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { RedoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../api/client.ts';
import { listMessages, memberMessages, resendMessage, type NotificationMessage } from '../../api/notifications.ts';
import { formatTime } from '../../lib/format.ts';

const STATUS_COLOR = { queued: 'blue', sent: 'green', failed: 'red', skipped: 'default' } as const;

export function MessageStatusTag({ m }: { m: NotificationMessage }) {
  const { t } = useTranslation();
  const tag = <Tag color={STATUS_COLOR[m.status]} data-testid={`message-status-${m.id}`}>{t(`notifications.statuses.${m.status}`)}</Tag>;
  return m.reason ? <Tooltip title={t(`notifications.reasons.${m.reason}`, { defaultValue: m.reason })}>{tag}<Typography.Text type="secondary">{t(`notifications.reasons.${m.reason}`, { defaultValue: m.reason })}</Typography.Text></Tooltip> : tag;
}

/** The message log (newest first) with status, attempts, last error and resend; for one member when memberId is given. */
export function MessageLog({ programId, memberId, canResend }: { programId: string; memberId?: string; canResend: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [status, setStatus] = useState<string | undefined>();
  const [channel, setChannel] = useState<string | undefined>();
  const [items, setItems] = useState<NotificationMessage[] | null>(null);
  const load = useCallback(async () => {
    const page = memberId ? await memberMessages(programId, memberId) : await listMessages(programId, { status, channel, limit: 100 });
    setItems(page.items);
  }, [programId, memberId, status, channel]);
  useEffect(() => { void load().catch(() => setItems([])); }, [load]);
  const resend = async (m: NotificationMessage) => {
    try {
      const r = await resendMessage(programId, m.id);
      if (r.status === 'sent') void message.success(t('notifications.resent'));
      else void message.warning(t('notifications.resendFailed', { error: r.last_error ?? r.status }));
      await load();
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const table = (
    <Table<NotificationMessage>
      rowKey="id" size="small" loading={items === null} dataSource={items ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('notifications.empty') }} data-testid={memberId ? 'member-messages' : 'message-log'}
      columns={[
        { title: t('notifications.createdAt'), key: 'at', render: (_, m) => formatTime(m.created_at), width: 150 },
        ...(memberId ? [] : [{ title: t('notifications.member'), key: 'member', render: (_: unknown, m: NotificationMessage) => (m.member_id ? <Link to={`/members/${m.member_id}`}>{m.member_id.slice(-6)}</Link> : <Tag>{t('notifications.toStaff')}</Tag>) }]),
        { title: t('notifications.event'), key: 'event', render: (_, m) => t(`notifications.events.${m.template_key}`, { defaultValue: m.template_key }) },
        { title: t('notifications.channel'), key: 'channel', render: (_, m) => t(`notifications.channels.${m.channel}`) },
        // the template's language: the member's, else the other one's (members.language)
        { title: t('notifications.lang'), key: 'lang', width: 80, render: (_, m) => <span data-testid="message-lang">{t(`notifications.langs.${m.lang}`, { defaultValue: m.lang })}</span> },
        { title: t('notifications.recipient'), key: 'to', width: 170, render: (_, m) => <span style={{ whiteSpace: 'nowrap' }}>{m.recipient ?? '—'}</span> },
        { title: t('notifications.body'), key: 'body', ellipsis: true, render: (_, m) => <Tooltip title={m.body}>{m.subject ? `${m.subject}：` : ''}{m.body}</Tooltip> },
        { title: t('notifications.status'), key: 'status', render: (_, m) => <MessageStatusTag m={m} /> },
        { title: t('notifications.attempts'), key: 'attempts', dataIndex: 'attempts', width: 80 },
        {
          title: t('notifications.lastError'), key: 'error', width: 240,
          render: (_, m) => (m.last_error ? <Typography.Text type="danger" style={{ fontSize: 12 }}>{m.last_error}</Typography.Text> : m.next_attempt_at ? `${t('notifications.nextAttempt')} ${formatTime(m.next_attempt_at)}` : '—'),
        },
        ...(canResend ? [{
          title: '', key: 'resend', width: 90,
          render: (_: unknown, m: NotificationMessage) => (m.status === 'failed' ? <Button size="small" icon={<RedoOutlined />} onClick={() => void resend(m)} data-testid={`resend-${m.id}`}>{t('notifications.resend')}</Button> : null),
        }] : []),
      ]}
    />
  );
  if (memberId) return table;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Select allowClear placeholder={t('notifications.status')} style={{ width: 140 }} value={status} onChange={setStatus} data-testid="message-status-filter"
          options={(['queued', 'sent', 'failed', 'skipped'] as const).map((s) => ({ value: s, label: t(`notifications.statuses.${s}`) }))} />
        <Select allowClear placeholder={t('notifications.channel')} style={{ width: 160 }} value={channel} onChange={setChannel}
          options={(['sms', 'email', 'wechat', 'portal'] as const).map((c) => ({ value: c, label: t(`notifications.channels.${c}`) }))} />
      </Space>
      {table}
    </Space>
  );
}
