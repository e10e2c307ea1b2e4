import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, List, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/client.ts';
import { acceptPolicy, getMemberPrivacy, type Consent, type ConsentState, type MemberPrivacy } from '../../../api/privacy.ts';
import { formatTime } from '../../../lib/format.ts';
import { newIdempotencyKey } from '../../../lib/idempotency.ts';
import { useSession } from '../../../session/session.tsx';
import { ConsentForm } from './consent-form.tsx';

/**
 * 隐私 on the member's page: consent per purpose (each change asks first and goes into the
 * history), the policy versions to confirm at this visit (政策更新), and both histories.
 */
export function PrivacyPanel({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me, program } = useSession();
  const pid = program?.id ?? '';
  const canRead = me.permissions.includes('privacy.read') || me.permissions.includes('consents.write');
  const canWrite = me.permissions.includes('consents.write');
  const [data, setData] = useState<MemberPrivacy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [change, setChange] = useState<{ state: ConsentState; granted: boolean } | null>(null);
  const [accepting, setAccepting] = useState<string | null>(null);

  const load = useCallback(() => {
    getMemberPrivacy(pid, memberId).then((d) => { setData(d); setError(null); }, (err: unknown) => setError(errorText(err)));
  }, [pid, memberId]);
  useEffect(() => { if (pid && canRead) load(); }, [pid, canRead, load]);
  if (!canRead) return null;

  const accept = async (documentId: string) => {
    setAccepting(documentId);
    try {
      await acceptPolicy(pid, memberId, documentId, newIdempotencyKey());
      void message.success(t('privacy.member.acceptedDone'));
      load();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setAccepting(null);
    }
  };
  const kindLabel = (kind: string, n: number) => t('privacy.member.pendingItem', { kind: t(`privacy.kinds.${kind}`), n });

  return (
    <Card title={<Space><LockOutlined />{t('privacy.member.title')}</Space>} loading={!data && !error} data-testid="member-privacy">
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {data && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {data.pending.length > 0
            ? (
              <Alert type="warning" showIcon data-testid="pending-policies" title={t('privacy.member.pending')} description={(
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {data.pending.map((d) => (
                    <Space key={d.id} wrap>
                      <Typography.Text strong>{kindLabel(d.kind, d.version ?? 0)}</Typography.Text>
                      {d.summary && <Typography.Text type="secondary">{d.summary}</Typography.Text>}
                      {canWrite && (
                        <Button size="small" type="primary" loading={accepting === d.id} onClick={() => void accept(d.id)} data-testid={`accept-${d.kind}`}>
                          {t('privacy.member.accept')}
                        </Button>
                      )}
                    </Space>
                  ))}
                </Space>
              )} />
            )
            : <Alert type="success" showIcon title={t('privacy.member.noPending')} data-testid="no-pending-policies" />}
          <List
            size="small"
            bordered
            header={<Typography.Text strong>{t('privacy.member.consents')}</Typography.Text>}
            dataSource={data.consents}
            renderItem={(c) => (
              <List.Item
                data-testid={`consent-${c.purpose}`}
                extra={<Switch checked={c.granted} disabled={!canWrite} onChange={(on) => setChange({ state: c, granted: on })} data-testid={`consent-switch-${c.purpose}`}
                  checkedChildren={t('privacy.member.granted')} unCheckedChildren={t('privacy.member.withdrawn')} />}
              >
                <List.Item.Meta
                  title={(
                    <Space wrap>
                      {t(`privacy.member.purposes.${c.purpose}`)}
                      {c.scope.map((k) => <Tag key={k} color="purple">{t(`privacy.member.sensitiveKinds.${k}`)}</Tag>)}
                    </Space>
                  )}
                  description={(
                    <Space wrap size={4}>
                      <span>{t(`privacy.member.purposeHelp.${c.purpose}`)}</span>
                      {c.at && <Typography.Text type="secondary">· {t('privacy.member.since', { at: formatTime(c.at) })}</Typography.Text>}
                      {c.document_version && <Typography.Text type="secondary">· {t('privacy.member.policyVersion', { n: c.document_version })}</Typography.Text>}
                    </Space>
                  )}
                />
              </List.Item>
            )}
          />
          <Tabs size="small" items={[
            { key: 'history', label: t('privacy.member.history'), children: <HistoryTable rows={data.history} /> },
            {
              key: 'acceptances', label: t('privacy.member.acceptances'), children: (
                <Table size="small" rowKey={(a) => a.document_id} pagination={{ pageSize: 5, hideOnSinglePage: true }} dataSource={data.acceptances} data-testid="acceptance-history"
                  locale={{ emptyText: t('privacy.member.noHistory') }}
                  columns={[
                    { title: t('privacy.version'), key: 'v', render: (_, a) => kindLabel(a.kind, a.version) },
                    { title: t('privacy.member.acceptedAt'), key: 'at', render: (_, a) => formatTime(a.accepted_at) },
                    { title: t('privacy.member.channel'), key: 'ch', render: (_, a) => t(`privacy.member.channels.${a.channel}`) },
                  ]} />
              ),
            },
          ]} />
        </Space>
      )}
      <ConsentForm programId={pid} memberId={memberId} change={change} onClose={() => setChange(null)} onDone={load} />
    </Card>
  );
}

function HistoryTable({ rows }: { rows: Consent[] }) {
  const { t } = useTranslation();
  return (
    <Table size="small" rowKey="id" pagination={{ pageSize: 5, hideOnSinglePage: true }} dataSource={rows} data-testid="consent-history"
      locale={{ emptyText: t('privacy.member.noHistory') }}
      columns={[
        { title: t('privacy.member.at'), key: 'at', width: 150, render: (_, c) => formatTime(c.at) },
        {
          title: t('privacy.member.change'), key: 'change', render: (_, c) => (
            <Space wrap size={4}>
              <Tag color={c.granted ? 'green' : 'red'}>{c.granted ? t('privacy.member.grant') : t('privacy.member.withdraw')}</Tag>
              {t(`privacy.member.purposes.${c.purpose}`)}
              {c.scope.map((k) => <Tag key={k}>{t(`privacy.member.sensitiveKinds.${k}`)}</Tag>)}
            </Space>
          ),
        },
        { title: t('privacy.version'), key: 'v', width: 120, render: (_, c) => (c.document_version ? t('privacy.member.policyVersion', { n: c.document_version }) : '—') },
        { title: t('privacy.member.channel'), key: 'ch', width: 100, render: (_, c) => t(`privacy.member.channels.${c.channel}`) },
        { title: t('privacy.member.note'), dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '—' },
      ]} />
  );
}
