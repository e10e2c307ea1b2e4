import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Space, Table, Tabs, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { listTemplates, type NotificationTemplate, type TemplateList } from '../../api/notifications.ts';
import { useSession } from '../../session/session.tsx';
import { MessageLog } from './message-log.tsx';
import { TemplateForm } from './template-form.tsx';

/** 消息通知: the templates per event and channel with their editor and preview, and the message log. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const { program, can } = useSession();
  const pid = program?.id ?? '';
  const canManage = can('program.manage');
  const [data, setData] = useState<TemplateList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<NotificationTemplate | null | 'new'>(null);
  const load = useCallback(() => {
    listTemplates(pid).then((r) => { setData(r); setError(null); }, (err: unknown) => setError(errorText(err)));
  }, [pid]);
  useEffect(() => { if (pid) load(); }, [pid, load]);

  const templates = (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {(data?.events ?? []).map((e) => (
        <Card key={e.key} size="small" title={t(`notifications.events.${e.key}`)} data-testid={`templates-${e.key}`}
          extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.variables.map((v) => `{{${v}}}`).join(' ')}</Typography.Text>}>
          <Table<NotificationTemplate>
            rowKey="id" size="small" pagination={false} dataSource={(data?.items ?? []).filter((x) => x.key === e.key)} locale={{ emptyText: t('notifications.none') }}
            columns={[
              { title: t('notifications.channel'), key: 'channel', width: 130, render: (_, x) => t(`notifications.channels.${x.channel}`) },
              { title: t('notifications.lang'), key: 'lang', width: 100, render: (_, x) => t(`notifications.langs.${x.lang}`) },
              { title: t('notifications.kind'), key: 'kind', width: 90, render: (_, x) => <Tag color={x.kind === 'marketing' ? 'orange' : 'blue'}>{t(`notifications.kinds.${x.kind}`)}</Tag> },
              { title: t('notifications.body'), key: 'body', ellipsis: true, render: (_, x) => `${x.subject ? `${x.subject} · ` : ''}${x.body}` },
              { title: t('notifications.active'), key: 'active', width: 70, render: (_, x) => (x.active ? <Tag color="green">✓</Tag> : <Tag>—</Tag>) },
              ...(canManage ? [{ title: '', key: 'edit', width: 90, render: (_: unknown, x: NotificationTemplate) => <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(x)} data-testid={`edit-template-${x.key}-${x.channel}-${x.lang}`}>{t('notifications.edit')}</Button> }] : []),
            ]}
          />
        </Card>
      ))}
    </Space>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('notifications.title')} extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-template">{t('notifications.add')}</Button>}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('notifications.intro')}</Typography.Paragraph>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Card>
      <Card loading={data === null && !error}>
        <Tabs items={[
          { key: 'templates', label: <span data-testid="tab-templates">{t('notifications.templates')}</span>, children: templates },
          ...(can('members.read') ? [{ key: 'log', label: <span data-testid="tab-log">{t('notifications.log')}</span>, children: <MessageLog programId={pid} canResend={canManage} /> }] : []),
        ]} />
      </Card>
      {editing !== null && (
        <TemplateForm programId={pid} open editing={editing === 'new' ? null : editing} events={data?.events ?? []}
          onClose={() => setEditing(null)} onSaved={() => { setEditing(null); load(); }} />
      )}
    </Space>
  );
}
