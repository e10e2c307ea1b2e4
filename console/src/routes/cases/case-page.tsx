import { useCallback, useEffect, useState } from 'react';
import { LockOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, Input, Radio, Result, Row, Select, Space, Spin, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SlaClocks } from '../sla/sla-clocks.tsx';
import { Link, useParams } from 'react-router';
import { errorText } from '../../api/client.ts';
import { actOnCase, addMessage, addNote, assignCase, caseAgents, getCase, takeCase, type CaseAction, type CaseAgent, type CaseChannel, type CaseDetail } from '../../api/cases.ts';
import { formatTime } from '../../lib/format.ts';
import { useSession } from '../../session/session.tsx';
import { ActionDialog, GoodwillDialog, ProceedingDialog } from './case-forms.tsx';
import { PriorityTag, StatusTag, TypeTag } from './case-tags.tsx';
import { CaseTimeline } from './case-timeline.tsx';

/** Steps that ask for a text or a message first; the others are one click. */
const ASKS: CaseAction[] = ['record_solution', 'reject', 'plan', 'tell_outcome', 'evaluate'];

/** A case: header, the actions valid now, the timeline, the reply box, proceedings, goodwill. */
export function CasePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { caseId = '' } = useParams();
  const { program, can, me } = useSession();
  const pid = program?.id ?? '';
  const [c, setC] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [agents, setAgents] = useState<CaseAgent[]>([]);
  const [asking, setAsking] = useState<CaseAction | null>(null);
  const [goodwill, setGoodwill] = useState(false);
  const [proceeding, setProceeding] = useState(false);
  const [mode, setMode] = useState<'to_member' | 'note' | 'from_member'>('to_member');
  const [channel, setChannel] = useState<CaseChannel>('portal');
  const [text, setText] = useState('');
  const load = useCallback(() => { getCase(pid, caseId).then((r) => { setC(r); setError(null); }, (err: unknown) => setError(errorText(err))); }, [pid, caseId]);
  useEffect(() => { if (pid) load(); }, [pid, load]);
  useEffect(() => { if (pid) void caseAgents(pid).then((r) => setAgents(r.items), () => setAgents([])); }, [pid]);
  const work = can('cases.work');

  if (error) return <Result status="warning" title={error} extra={<Link to="/cases">{t('cases.back')}</Link>} />;
  if (!c) return <Spin />;
  const run = async (f: () => Promise<unknown>, ok = t('cases.saved')) => {
    try { await f(); void message.success(ok); load(); } catch (err) { void message.error(errorText(err)); }
  };
  const act = (a: CaseAction) => (ASKS.includes(a) ? setAsking(a) : void run(() => actOnCase(pid, c.id, { action: a })));
  const send = () => {
    if (!text.trim()) return;
    void run(async () => {
      if (mode === 'note') await addNote(pid, c.id, text);
      else await addMessage(pid, c.id, { direction: mode, channel, body: text });
      setText('');
    }, mode === 'to_member' ? t('cases.sent') : t('cases.saved'));
  };
  const proceedings = c.timeline.filter((e) => e.kind === 'proceeding');
  // an agent assigns an unassigned case or hands over their own; a colleague's is a supervisor's to move (cases.manage)
  const mayAssign = work && c.status !== 'closed' && (!c.assignee_id || c.assignee_id === me.staff_id || can('cases.manage'));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="case-page">
      <Breadcrumb items={[{ title: <Link to="/cases">{t('cases.title')}</Link> }, { title: c.number }]} />
      <Card
        title={<Space wrap><Typography.Text strong style={{ fontSize: 18 }} data-testid="case-number">{c.number}</Typography.Text><TypeTag type={c.type} /><StatusTag c={c} /><PriorityTag priority={c.priority} /></Space>}
        extra={<Space wrap>
          {!c.assignee_id && work && me.staff_id && c.status !== 'closed' && <Button type="primary" onClick={() => void run(() => takeCase(pid, c.id), t('cases.taken'))} data-testid="take">{t('cases.take')}</Button>}
          {can('cases.goodwill') && c.status !== 'closed' && <Button onClick={() => setGoodwill(true)} data-testid="goodwill">{t('cases.giveGoodwill')}</Button>}
        </Space>}
      >
        <Typography.Title level={5} style={{ marginTop: 0 }}>{c.subject}</Typography.Title>
        <Row gutter={16}>
          <Col xs={24}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
              { key: 'member', label: t('cases.member'), children: <Link to={`/members/${c.member_id}`} data-testid="member-link">{c.member_no} {c.member_name ?? ''}</Link> },
              {
                key: 'assignee', label: t('cases.assignee'),
                children: mayAssign
                  ? <Select size="small" style={{ minWidth: 160 }} value={c.assignee_id ?? undefined} placeholder={t('cases.unassigned')} data-testid="assignee"
                    options={agents.map((a) => ({ value: a.id, label: a.display_name }))} onChange={(v: string) => void run(() => assignCase(pid, c.id, v), t('cases.assigned'))} />
                  : <Space size={4} data-testid="assignee-name">
                    <span>{c.assignee_name ?? t('cases.unassigned')}</span>
                    {work && c.status !== 'closed' && <Tooltip title={t('cases.reassignSupervisor')}><LockOutlined data-testid="reassign-locked" aria-label={t('cases.reassignSupervisor')} /></Tooltip>}
                  </Space>,
              },
              { key: 'channel', label: t('cases.channel'), children: t(`cases.channels.${c.channel}`) },
              { key: 'opened', label: t('cases.opened'), children: formatTime(c.opened_at) },
              { key: 'links', label: t('cases.links'), children: c.purchase_id || c.redemption_id ? [c.purchase_id && `${t('cases.purchase')} ${c.purchase_id.slice(-6)}`, c.redemption_id && `${t('cases.redemption')} ${c.redemption_id.slice(-6)}`].filter(Boolean).join(' · ') : t('cases.none') },
              ...(c.solution ? [{ key: 'solution', label: t('cases.solution'), children: <span data-testid="solution">{c.solution}</span> }] : []),
            ]} />
            {c.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{c.description}</Typography.Paragraph>}
          </Col>
        </Row>
        {/* the case's deadlines: first response, outcome (003 §7.2), resolution, in working days where the policy says so */}
        <div style={{ marginTop: 12 }} data-testid="case-deadlines">
          <SlaClocks subjectType={c.type} subjectId={c.id} reloadKey={`${c.status}:${c.waiting}:${c.timeline.length}`} />
        </div>
        {work && c.actions.length > 0 && (
          <Space wrap style={{ marginTop: 12 }} data-testid="case-actions">
            {c.actions.map((a) => (
              <Button key={a} type={a === 'wait' || a === 'resume' || a === 'reject' ? 'default' : 'primary'} danger={a === 'reject'} onClick={() => act(a)} data-testid={`action-${a}`}>{t(`cases.actions.${a}`)}</Button>
            ))}
          </Space>
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card title={t('cases.timeline')}>
            <CaseTimeline events={c.timeline} />
            {work && c.status !== 'closed' && (
              <Space orientation="vertical" style={{ width: '100%' }} data-testid="reply-box">
                <Space wrap>
                  <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} optionType="button" options={[
                    { value: 'to_member', label: <span data-testid="mode-to-member">{t('cases.toMember')}</span> },
                    { value: 'note', label: <span data-testid="mode-note">{t('cases.note')}</span> },
                    { value: 'from_member', label: t('cases.fromMember') },
                  ]} />
                  {mode !== 'note' && <Select size="middle" style={{ width: 130 }} value={channel} onChange={setChannel}
                    options={(['portal', 'sms', 'email', 'phone', 'store', 'wechat'] as const).map((x) => ({ value: x, label: t(`cases.channels.${x}`) }))} />}
                </Space>
                {mode === 'note' && <Alert type="warning" showIcon title={t('cases.notePlaceholder')} />}
                <Input.TextArea rows={3} value={text} onChange={(e) => setText(e.target.value)} data-testid="reply-text"
                  placeholder={mode === 'note' ? t('cases.notePlaceholder') : mode === 'to_member' ? t('cases.replyPlaceholder') : t('cases.memberPlaceholder')} />
                <Button type="primary" onClick={send} disabled={!text.trim()} data-testid="reply-send">{mode === 'to_member' ? t('cases.send') : t('cases.save')}</Button>
              </Space>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          {c.type === 'complaint' && (
            <Card title={t('cases.proceedings')} size="small" data-testid="proceedings"
              extra={work ? <Button size="small" onClick={() => setProceeding(true)}>{t('cases.addProceeding')}</Button> : null}>
              {proceedings.length === 0 ? <Typography.Text type="secondary">{t('cases.noProceedings')}</Typography.Text> : proceedings.map((p) => {
                const d = p.data as { kind: string; held_on: string; parties: string[]; outcome?: string; documents: { name: string; url: string }[] };
                return (
                  <div key={p.id} style={{ marginBottom: 8 }}>
                    <Typography.Text strong>{t(`cases.proceedingKinds.${d.kind}`)} · {d.held_on}</Typography.Text>
                    <div>{t('cases.parties')}：{d.parties.join('、')}</div>
                    {d.outcome && <div>{t('cases.outcome')}：{d.outcome}</div>}
                    {d.documents.map((doc) => <div key={doc.url}><a href={doc.url}>{doc.name}</a></div>)}
                  </div>
                );
              })}
            </Card>
          )}
        </Col>
      </Row>
      <ActionDialog pid={pid} caseId={c.id} action={asking} onClose={() => setAsking(null)} onDone={() => { setAsking(null); load(); }} />
      <GoodwillDialog pid={pid} caseId={c.id} open={goodwill} onClose={() => setGoodwill(false)} onDone={() => { setGoodwill(false); load(); }} />
      <ProceedingDialog pid={pid} caseId={c.id} open={proceeding} onClose={() => setProceeding(false)} onDone={() => { setProceeding(false); load(); }} />
    </Space>
  );
}
