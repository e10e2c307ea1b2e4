import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Drawer, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, FileTextOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { listPolicies, publishPolicy, type Policy, type PolicyKind } from '../../api/privacy.ts';
import { formatTime } from '../../lib/format.ts';
import { useSession } from '../../session/session.tsx';
import { PolicyDraftForm } from './policy-draft-form.tsx';

const KINDS: PolicyKind[] = ['membership_agreement', 'privacy_policy'];
const STATUS_COLOR = { draft: 'default', published: 'green', superseded: 'default' } as const;

/** 隐私与政策: each document's versions, the one in force and how many members accepted it, drafts and publishing (政策更新). */
export function PoliciesPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { message, modal } = App.useApp();
  const { me, program } = useSession();
  const pid = program?.id ?? '';
  const canManage = me.permissions.includes('privacy.manage');
  const [items, setItems] = useState<Policy[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ kind: PolicyKind; draft: Policy | null } | null>(null);
  const [viewing, setViewing] = useState<Policy | null>(null);

  const load = useCallback(() => {
    listPolicies(pid).then((r) => { setItems(r.items); setError(null); }, (err: unknown) => setError(errorText(err)));
  }, [pid]);
  useEffect(() => { if (pid) load(); }, [pid, load]);

  const publish = (doc: Policy, next: number) => {
    modal.confirm({
      title: t('privacy.publishConfirm', { n: next, kind: t(`privacy.kinds.${doc.kind}`) }),
      content: t('privacy.publishHint'),
      okText: t('privacy.publish'),
      okButtonProps: { 'data-testid': 'policy-publish-confirm' } as Record<string, string>,
      onOk: async () => {
        try {
          const p = await publishPolicy(pid, doc.id);
          void message.success(t('privacy.published', { n: p.version }));
          load();
        } catch (err) {
          void message.error(errorText(err));
        }
      },
    });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('privacy.title')}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('privacy.intro')}</Typography.Paragraph>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Card>
      {KINDS.map((kind) => {
        const versions = (items ?? []).filter((d) => d.kind === kind);
        const current = versions.find((d) => d.status === 'published');
        const next = Math.max(0, ...versions.map((d) => d.version ?? 0)) + 1;
        return (
          <Card
            key={kind}
            loading={items === null && !error}
            data-testid={`policies-${kind}`}
            title={<Space><FileTextOutlined />{t(`privacy.kinds.${kind}`)}</Space>}
            extra={(
              <Space>
                {current
                  ? <Tag color="green" data-testid={`in-force-${kind}`}>{t('privacy.inForce', { n: current.version, count: current.accepted })}</Tag>
                  : <Tag>{t('privacy.noneInForce')}</Tag>}
                {canManage && <Button icon={<PlusOutlined />} onClick={() => setEditing({ kind, draft: null })} data-testid={`new-draft-${kind}`}>{t('privacy.newDraft')}</Button>}
              </Space>
            )}
          >
            <Table<Policy>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={versions}
              locale={{ emptyText: t('privacy.empty') }}
              columns={[
                { title: t('privacy.version'), key: 'v', width: 110, render: (_, d) => (d.version ? t('privacy.versionN', { n: d.version }) : '—') },
                { title: t('privacy.title_'), key: 'title', render: (_, d) => <a onClick={() => setViewing(d)}>{(en && d.title_en) || d.title}</a> },
                { title: t('privacy.summary'), dataIndex: 'summary', ellipsis: true, render: (v: string | null) => v ?? '—' },
                { title: t('privacy.status'), key: 'status', width: 110, render: (_, d) => <Tag color={STATUS_COLOR[d.status]}>{t(`privacy.statuses.${d.status}`)}</Tag> },
                { title: t('privacy.publishedAt'), key: 'at', width: 150, render: (_, d) => formatTime(d.published_at) },
                { title: t('privacy.accepted'), dataIndex: 'accepted', width: 120, align: 'right', render: (n: number, d) => (d.status === 'draft' ? '—' : n) },
                {
                  title: '', key: 'actions', width: 170,
                  render: (_, d) => (d.status === 'draft' && canManage ? (
                    <Space size={4}>
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ kind, draft: d })} data-testid="edit-draft">{t('privacy.editDraft')}</Button>
                      <Button size="small" type="primary" icon={<SendOutlined />} onClick={() => publish(d, next)} data-testid="publish-draft">{t('privacy.publish')}</Button>
                    </Space>
                  ) : null),
                },
              ]}
            />
          </Card>
        );
      })}
      <PolicyDraftForm
        programId={pid}
        kind={editing?.kind ?? 'privacy_policy'}
        draft={editing?.draft ?? null}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onDone={load}
      />
      <Drawer open={viewing !== null} onClose={() => setViewing(null)} size="large" title={viewing && `${viewing.title}${viewing.version ? ` · ${t('privacy.versionN', { n: viewing.version })}` : ''}`}>
        {viewing && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {viewing.summary && <Typography.Paragraph type="secondary">{t('privacy.summary')}：{viewing.summary}</Typography.Paragraph>}
            {viewing.body.split(/\n\s*\n/).map((para, i) => <Typography.Paragraph key={i} style={{ whiteSpace: 'pre-wrap' }}>{para}</Typography.Paragraph>)}
            {viewing.body_en && <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>{viewing.body_en}</Typography.Paragraph>}
          </Space>
        )}
      </Drawer>
    </Space>
  );
}
