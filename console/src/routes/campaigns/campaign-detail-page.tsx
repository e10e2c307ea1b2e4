import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, List, Popconfirm, Progress, Row, Space, Statistic, Table, Tag, Typography, message } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  getAwardJob, getCampaign, getCampaignReport, listAwardJobs, listRules, setCampaignStatus, startAward,
} from '../../api/endpoints.ts';
import type { Campaign, CampaignAwardJob, CampaignLift, CampaignReport, Rule } from '../../api/types.ts';
import { newIdempotencyKey } from '../../lib/idempotency.ts';
import { formatFen, formatPoints } from '../../lib/money.ts';
import { useSession } from '../../session/session.tsx';
import { CampaignForm } from './campaign-form.tsx';
import { budgetShare, CampaignStatusTag } from './campaign-status-tag.tsx';
import { HoldoutChart } from './holdout-chart.tsx';
import { CouponTypeName } from '../coupons/campaign-coupon-field.tsx';
import { errorText } from '../../api/client.ts';

const yuan = (fen: number | null) => (fen === null ? '—' : formatFen(Math.round(fen)));
const num = (v: number | null, digits = 2) => (v === null ? '—' : v.toFixed(digits));

function LiftLine({ lift, kind }: { lift: CampaignLift; kind: 'spend' | 'visits' }) {
  const { t } = useTranslation();
  if (lift.absolute === null) return <Typography.Text type="secondary">{t('campaigns.noHoldout')}</Typography.Text>;
  if (lift.ci_low === null || lift.ci_high === null) return <Typography.Text type="secondary">{t('campaigns.tooFew')}</Typography.Text>;
  const text = kind === 'spend'
    ? t('campaigns.liftText', { diff: yuan(lift.absolute), pct: lift.pct === null ? '—' : `${lift.pct >= 0 ? '+' : ''}${lift.pct.toFixed(1)}%`, low: yuan(lift.ci_low), high: yuan(lift.ci_high) })
    : t('campaigns.liftVisits', { diff: num(lift.absolute), low: num(lift.ci_low), high: num(lift.ci_high) });
  return (
    <Space data-testid={`lift-${kind}`}>
      <Typography.Text>{text}</Typography.Text>
      <Tag color={lift.significant ? 'green' : 'default'}>{lift.significant ? t('campaigns.significant') : t('campaigns.notSignificant')}</Tag>
    </Space>
  );
}

/** A campaign: budget, linked rules, the award with its progress, and the holdout report with its chart. */
export function CampaignDetailPage() {
  const { t, i18n } = useTranslation();
  const { program } = useSession();
  const { campaignId = '' } = useParams();
  const navigate = useNavigate();
  const pid = program?.id ?? '';
  const [c, setC] = useState<Campaign | null>(null);
  const [rules, setRules] = useState<Rule[]>([]);
  const [job, setJob] = useState<CampaignAwardJob | null>(null);
  const [report, setReport] = useState<CampaignReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  const load = useCallback(async () => {
    if (!pid) return;
    try {
      const campaign = await getCampaign(pid, campaignId);
      setC(campaign);
      setRules((await listRules(pid)).items.filter((r) => r.campaign_id === campaignId));
      setJob((await listAwardJobs(pid, campaignId)).items[0] ?? null);
      if (campaign.status !== 'draft') setReport(await getCampaignReport(pid, campaignId).catch(() => null));
    } catch (err) {
      setError(errorText(err));
    }
  }, [pid, campaignId]);
  useEffect(() => { void load(); }, [load]);

  // follow a running award until it is done
  useEffect(() => {
    if (!job || job.status !== 'running') return;
    const timer = setTimeout(() => {
      void getAwardJob(pid, campaignId, job.id).then((j) => {
        setJob(j);
        if (j.status !== 'running') void load();
      });
    }, 800);
    return () => clearTimeout(timer);
  }, [job, pid, campaignId, load]);

  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      await load();
    } catch (err) {
      void message.error(errorText(err));
    }
  };

  if (error) return <Alert type="error" showIcon message={error} action={<Button onClick={() => void navigate('/campaigns')}>{t('common.back')}</Button>} />;
  if (!c) return <Card loading />;
  const share = budgetShare(c);
  const title = i18n.language === 'en' && c.name_en ? c.name_en : c.name;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={<Space><Typography.Text strong data-testid="campaign-name">{title}</Typography.Text><CampaignStatusTag status={c.status} /></Space>}
        extra={(
          <Space>
            <Button onClick={() => void navigate('/campaigns')}>{t('common.back')}</Button>
            {(c.status === 'draft' || c.status === 'active') && <Button onClick={() => setEditing(true)} data-testid="campaign-edit">{t('campaigns.edit')}</Button>}
            {c.status === 'draft' && <Button type="primary" onClick={() => void act(() => setCampaignStatus(pid, c.id, 'active', newIdempotencyKey()))} data-testid="campaign-activate">{t('campaigns.activate')}</Button>}
            {c.status === 'active' && (
              <Popconfirm title={t('campaigns.endConfirm')} onConfirm={() => void act(() => setCampaignStatus(pid, c.id, 'ended', newIdempotencyKey()))}>
                <Button data-testid="campaign-end">{t('campaigns.end')}</Button>
              </Popconfirm>
            )}
            {(c.status === 'draft' || c.status === 'active') && (
              <Popconfirm title={t('campaigns.cancelConfirm')} onConfirm={() => void act(() => setCampaignStatus(pid, c.id, 'cancelled', newIdempotencyKey()))}>
                <Button danger>{t('campaigns.cancel')}</Button>
              </Popconfirm>
            )}
          </Space>
        )}
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} md={8}>
            <Statistic title={t('campaigns.budgetUsed')} value={c.budget_used} formatter={() => <span data-testid="budget-used">{formatPoints(c.budget_used)}</span>} />
            {share !== null && <Progress percent={share} status={share >= 100 ? 'exception' : 'active'} />}
            <Typography.Text type="secondary">{t('campaigns.budgetLeft')}: {c.budget_left === null ? t('campaigns.noBudget') : formatPoints(c.budget_left)}</Typography.Text>
          </Col>
          <Col xs={12} md={4}><Statistic title={t('campaigns.reached')} value={c.members_reached} /></Col>
          <Col xs={12} md={4}><Statistic title={t('campaigns.awarded')} value={c.members_awarded} /></Col>
          <Col xs={24} md={8}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('campaigns.kind')}>{t(`campaigns.kinds.${c.kind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('campaigns.dates')}>{dayjs(c.starts_at).format('YYYY-MM-DD HH:mm')} — {dayjs(c.ends_at).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
              <Descriptions.Item label={t('campaigns.segment')}>{c.segment_id ?? t('campaigns.everyone')}</Descriptions.Item>
              <Descriptions.Item label={t('campaigns.perMemberLimit')}>{c.per_member_limit === null ? t('campaigns.noBudget') : formatPoints(c.per_member_limit)}</Descriptions.Item>
              <Descriptions.Item label={t('campaigns.holdout')}>{c.holdout_pct}%</Descriptions.Item>
              {c.award_points !== null && <Descriptions.Item label={t('campaigns.awardPoints')}>{formatPoints(c.award_points)}</Descriptions.Item>}
              {c.coupon_type_id && <Descriptions.Item label={t('coupons.campaignCoupon')}><CouponTypeName programId={pid} id={c.coupon_type_id} /></Descriptions.Item>}
            </Descriptions>
          </Col>
        </Row>
        {c.description && <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>{c.description}</Typography.Paragraph>}
      </Card>

      {c.kind === 'rules' ? (
        <Card title={t('campaigns.rules')}>
          <List
            dataSource={rules}
            locale={{ emptyText: <Empty description={t('campaigns.noRules')} /> }}
            renderItem={(r) => <List.Item data-testid="campaign-rule">{i18n.language === 'en' && r.name_en ? r.name_en : r.name} <Tag>{r.status}</Tag></List.Item>}
          />
        </Card>
      ) : (
        <Card
          title={t('campaigns.job')}
          extra={c.status === 'active' && (
            <Popconfirm title={t('campaigns.awardConfirm', { points: c.award_points })} onConfirm={() => void act(async () => setJob(await startAward(pid, c.id)))}>
              <Button type="primary" loading={job?.status === 'running'} data-testid="campaign-award">{t('campaigns.award')}</Button>
            </Popconfirm>
          )}
        >
          {job ? (
            <Space direction="vertical" style={{ width: '100%' }} data-testid="award-job">
              <Progress percent={job.total ? Math.round((job.done / job.total) * 100) : 100} status={job.status === 'failed' ? 'exception' : job.status === 'running' ? 'active' : 'success'} />
              <Typography.Text>{t(`campaigns.jobStatus.${job.status}`)} · {t('campaigns.jobLine', { done: job.done, total: job.total, awarded: job.awarded, points: formatPoints(job.points) })}</Typography.Text>
              {job.stop_reason === 'budget_spent' && <Alert type="warning" showIcon message={t('campaigns.budgetStop')} />}
              {job.error && <Alert type="error" showIcon message={job.error} />}
            </Space>
          ) : <Empty />}
        </Card>
      )}

      {report && (
        <Card title={t('campaigns.report')} extra={<Typography.Text type="secondary">{t('campaigns.window', { from: dayjs(report.from).format('YYYY-MM-DD'), to: dayjs(report.to).format('YYYY-MM-DD HH:mm') })}</Typography.Text>}>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            data-testid="report-table"
            dataSource={[
              { key: 'treated', label: t('campaigns.treated'), ...report.treated },
              { key: 'held', label: t('campaigns.heldOut'), ...report.held_out },
            ]}
            columns={[
              { title: '', dataIndex: 'label', key: 'label' },
              { title: t('campaigns.members'), dataIndex: 'members', key: 'members' },
              { title: t('campaigns.spend'), key: 'spend', render: (_, r) => `${yuan(r.spend_fen)}（${t('campaigns.perMember')} ${yuan(r.mean_spend_fen)}）` },
              { title: t('campaigns.visits'), key: 'visits', render: (_, r) => `${r.visits}（${t('campaigns.perMember')} ${r.mean_visits.toFixed(2)}）` },
              { title: t('campaigns.points'), key: 'points', render: (_, r) => `${formatPoints(r.points)}（${t('campaigns.perMember')} ${r.mean_points.toFixed(1)}）` },
            ]}
          />
          <Space direction="vertical" style={{ margin: '12px 0' }}>
            <LiftLine lift={report.lift.spend_fen} kind="spend" />
            <LiftLine lift={report.lift.visits} kind="visits" />
          </Space>
          {report.daily.length > 0 && <HoldoutChart report={report} />}
        </Card>
      )}
      <CampaignForm programId={pid} campaign={c} open={editing} onClose={() => setEditing(false)} onSaved={(saved) => { setEditing(false); setC(saved); void message.success(t('campaigns.saved')); }} />
    </Space>
  );
}
