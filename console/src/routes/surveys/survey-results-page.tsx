import { useCallback, useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Empty, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { openCase } from '../../api/cases.ts';
import { errorText } from '../../api/client.ts';
import { getSurvey, surveyResults, updateSurvey, type ResultGroup, type Survey, type SurveyResults } from '../../api/surveys.ts';
import { formatTime } from '../../lib/format.ts';
import { useSession } from '../../session/session.tsx';
import { FigureChart } from './survey-charts.tsx';
import { SendSurveyForm } from './send-survey-form.tsx';
import { KIND_COLOR, STATUS_COLOR } from './surveys-page.tsx';

type Comment = SurveyResults['comments'][number];

/** A survey's results: its figure, response rate, the trend by week or month, by store, tier and agent, and the members' comments beside their scores. */
export function SurveyResultsPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { program, can } = useSession();
  const { surveyId } = useParams();
  const navigate = useNavigate();
  const [survey, setSurvey] = useState<Survey | null>(null);
  const [res, setRes] = useState<SurveyResults | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [period, setPeriod] = useState<'week' | 'month'>('week');
  const [sending, setSending] = useState(false);
  const load = useCallback(async () => {
    try {
      const [s, r] = await Promise.all([getSurvey(program!.id, surveyId!), surveyResults(program!.id, surveyId!)]);
      setSurvey(s);
      setRes(r);
    } catch (err) {
      setError(errorText(err));
    }
  }, [program, surveyId]);
  useEffect(() => { void load(); }, [load]);
  if (error) return <Alert type="error" title={error} />;
  if (!survey || !res) return <Card loading />;

  const figureName = t(`surveys.results.${res.metric}`);
  const fmt = (v: number | null) => (v === null ? '—' : res.metric === 'average' ? v.toFixed(2) : res.metric === 'csat' ? `${v}%` : String(v));
  const names = new Map(res.by_store.concat(res.by_agent).map((g) => [g.key, g.name]));
  const setStatus = async (status: 'active' | 'closed') => {
    try {
      setSurvey(await updateSurvey(program!.id, survey.id, { status }));
      void message.success(t('surveys.results.statusSaved'));
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  // a low score opens a follow-up case for the member (issue 12); the answer's id is the key, so a
  // second press (anyone's) finds the case the first one opened: the request is built only from the
  // answer, never from the presser's language, zone or the survey's current title
  const followUp = async (c: Comment) => {
    try {
      const opened = await openCase(program!.id, {
        type: 'complaint', channel: 'portal', priority: 'high', member_id: c.member_id, store_id: c.store_id, route: true,
        subject: `满意度回访：${c.score ?? '—'} 分`,
        description: `会员在满意度调查中给出低分（答复 ${c.answer_id}，${c.answered_at}）。\n会员留言：${c.comment || '—'}`,
      }, `survey-follow-up-${c.answer_id}`);
      navigate(`/cases/${opened.id}`);
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  const trend = period === 'week' ? res.by_week : res.by_month;
  const breakdown = (title: string, groups: ResultGroup[], testId: string) => (
    <Col xs={24} lg={survey.kind === 'csat' ? 8 : 12} key={testId}>
      <Card title={title} size="small">
        {groups.length ? (
          <FigureChart horizontal testId={testId} height={Math.max(160, groups.length * 36 + 60)} labels={groups.map((g) => `${g.name ?? t('surveys.results.unlinked')} (${g.answers})`)}
            answers={groups.map((g) => g.answers)} values={groups.map((g) => g.value)} answersName={t('surveys.results.answers')} valueName={figureName} />
        ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('surveys.results.noAnswers')} />}
      </Card>
    </Col>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="survey-results">
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ padding: 0 }} onClick={() => void navigate('/surveys')}>{t('surveys.results.back')}</Button>
      <Space align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="survey-title">{survey.title}</Typography.Title>
        <Tag color={KIND_COLOR[survey.kind]}>{t(`surveys.kinds.${survey.kind}`)}</Tag>
        <Tag color={STATUS_COLOR[survey.status]}>{t(`surveys.statuses.${survey.status}`)}</Tag>
        {survey.frozen && <Tag>{t('surveys.results.frozen')}</Tag>}
        {can('surveys.manage') && (survey.status === 'active'
          ? <Button size="small" onClick={() => void setStatus('closed')} data-testid="survey-close">{t('surveys.results.close')}</Button>
          : <Button size="small" onClick={() => void setStatus('active')} data-testid="survey-activate">{t('surveys.results.activate')}</Button>)}
        {can('surveys.manage') && survey.kind !== 'csat' && survey.status === 'active' && (
          <Button size="small" type="primary" onClick={() => setSending(true)} data-testid="survey-send">{t('surveys.send.open')}</Button>
        )}
      </Space>
      <SendSurveyForm programId={program!.id} surveyId={survey.id} open={sending} onClose={() => setSending(false)} onSent={() => void load()} />
      <Row gutter={16}>
        <Col xs={12} md={6}><Card><Statistic title={figureName} value={fmt(res.value)} data-testid="figure-value" /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title={t('surveys.results.answers')} value={res.answered} data-testid="figure-answered" /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title={t('surveys.results.invited')} value={res.invited} data-testid="figure-invited" /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title={t('surveys.results.rate')} value={res.response_rate === null ? '—' : `${res.response_rate}%`} data-testid="figure-rate" /></Card></Col>
      </Row>
      {res.metric === 'nps' && (
        <Space size={24}>
          <Typography.Text type="success">{t('surveys.results.promoters')}: {res.promoters}</Typography.Text>
          <Typography.Text>{t('surveys.results.passives')}: {res.passives}</Typography.Text>
          <Typography.Text type="danger">{t('surveys.results.detractors')}: {res.detractors}</Typography.Text>
        </Space>
      )}
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card title={t('surveys.results.trend')} size="small" extra={<Segmented size="small" value={period} onChange={(v) => setPeriod(v as 'week' | 'month')} options={[{ value: 'week', label: t('surveys.results.week') }, { value: 'month', label: t('surveys.results.month') }]} />}>
            {trend.length ? <FigureChart testId="trend-chart" labels={trend.map((g) => g.key ?? '')} answers={trend.map((g) => g.answers)} values={trend.map((g) => g.value)} answersName={t('surveys.results.answers')} valueName={figureName} />
              : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('surveys.results.noAnswers')} />}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('surveys.results.distribution')} size="small">
            {res.distribution.length ? <FigureChart horizontal testId="distribution-chart" labels={res.distribution.map((d) => String(d.score))} answers={res.distribution.map((d) => d.count)} values={res.distribution.map((d) => d.count)} answersName={t('surveys.results.answers')} valueName={t('surveys.results.answers')} />
              : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('surveys.results.noAnswers')} />}
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        {breakdown(t('surveys.results.byStore'), res.by_store, 'by-store-chart')}
        {breakdown(t('surveys.results.byTier'), res.by_tier, 'by-tier-chart')}
        {/* agents close cases: only CSAT answers have one */}
        {survey.kind === 'csat' && breakdown(t('surveys.results.byAgent'), res.by_agent, 'by-agent-chart')}
      </Row>
      {survey.kind === 'custom' && res.questions.length > 0 && (
        <Card title={t('surveys.results.questions')} size="small" data-testid="question-counts">
          {res.questions.map((q) => (
            <div key={q.id} style={{ marginBottom: 8 }}>
              <Typography.Text strong>{q.label}</Typography.Text>{' '}
              {Object.entries(q.counts).sort((a, b) => b[1] - a[1]).map(([k, n]) => <Tag key={k}>{k} · {n}</Tag>)}
            </div>
          ))}
        </Card>
      )}
      <Card title={t('surveys.results.comments')} size="small" extra={survey.kind !== 'custom' && <Typography.Text type="secondary">{t('surveys.results.lowHint')}</Typography.Text>}>
        <Table<Comment> rowKey="answer_id" size="small" dataSource={res.comments} pagination={{ pageSize: 10 }} data-testid="comments-table" locale={{ emptyText: t('surveys.results.noAnswers') }}
          columns={[
            { title: t('surveys.results.score'), width: 80, render: (_, c) => (c.score === null ? '—' : <Tag color={lowColor(res.metric, c.score)}>{c.score}</Tag>) },
            { title: t('surveys.results.comment'), dataIndex: 'comment' },
            { title: t('surveys.results.store'), render: (_, c) => (c.store_id ? names.get(c.store_id) ?? c.store_id : '—') },
            { title: t('surveys.results.agent'), render: (_, c) => (c.agent_staff_id ? names.get(c.agent_staff_id) ?? c.agent_staff_id : '—') },
            { title: t('surveys.results.when'), render: (_, c) => <Link to={`/members/${c.member_id}`}>{formatTime(c.answered_at)}</Link> },
            ...(can('cases.work') && survey.kind !== 'custom' ? [{
              title: '', key: 'follow', width: 110,
              render: (_: unknown, c: Comment) => (c.score !== null && lowColor(res.metric, c.score) === 'red'
                ? <Button size="small" onClick={() => void followUp(c)} data-testid={`follow-up-${c.answer_id}`}>{t('surveys.results.followUp')}</Button> : null),
            }] : []),
          ]} />
      </Card>
    </Space>
  );
}

/** Red for a low score (CSAT 1–2, NPS 0–6), green for a top one. */
function lowColor(metric: SurveyResults['metric'], score: number): string {
  if (metric === 'csat') return score <= 2 ? 'red' : score >= 4 ? 'green' : 'default';
  if (metric === 'nps') return score <= 6 ? 'red' : score >= 9 ? 'green' : 'default';
  return 'default';
}
