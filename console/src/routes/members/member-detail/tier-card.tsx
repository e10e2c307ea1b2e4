import { Alert, App, Button, Card, Col, Descriptions, Empty, Popconfirm, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { CrownOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/client.ts';
import { endTierFloor } from '../../../api/endpoints.ts';
import type { MemberTier } from '../../../api/types.ts';
import { ActorName, useActorText } from '../../../lib/actor-name.tsx';
import { formatTime } from '../../../lib/format.ts';
import { shortIdText } from '../../../lib/short-id.tsx';
import { newIdempotencyKey } from '../../../lib/idempotency.ts';
import { formatFigure, tierColor, tierName } from '../../../lib/tier-format.ts';
import { useLang } from '../../../session/lang.tsx';
import { useSession } from '../../../session/session.tsx';
import { BenefitTags } from '../../tiers/tiers-page.tsx';

interface Props {
  memberId: string;
  tier: MemberTier | null;
  /** Null when the key may not assign tiers. */
  onAssign: (() => void) | null;
  onChanged(t: MemberTier): void;
}

/** The member's tier, a manual floor (said plainly: it holds the tier until it ends), progress to the next tier and what keeps this one. */
export function TierCard({ memberId, tier: m, onAssign, onChanged }: Props) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const program = useSession().program!;
  if (!m) return <Card loading />;
  const fig = (n: number) => formatFigure(m.basis, n, t);
  const cur = m.tier;

  async function endFloor() {
    try {
      onChanged(await endTierFloor(program.id, memberId, newIdempotencyKey()));
      void message.success(t('memberTier.ended'));
    } catch (err) {
      void message.error(errorText(err));
    }
  }

  const nextPct = m.next ? Math.min(100, Math.floor((m.figure / Math.max(1, m.next.reach_threshold)) * 100)) : 100;
  const keepPct = m.keep ? Math.min(100, Math.floor((m.keep.figure / Math.max(1, m.keep.threshold)) * 100)) : 100;

  return (
    <Card
      data-testid="member-tier"
      title={(
        <Space>
          <CrownOutlined />
          {t('memberTier.title')}
          {cur ? <Tag color={tierColor(cur.rank)} data-testid="member-tier-name">{tierName(cur, lang)}</Tag> : <Tag>{t('memberTier.none')}</Tag>}
          {m.since && <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>{t('memberTier.since', { date: formatTime(m.since) })}</Typography.Text>}
        </Space>
      )}
      extra={onAssign && (
        <Space>
          {m.floor && (
            <Popconfirm title={t('memberTier.endFloorConfirm')} onConfirm={() => void endFloor()}>
              <Button data-testid="tier-floor-end">{t('memberTier.endFloor')}</Button>
            </Popconfirm>
          )}
          <Button onClick={onAssign} data-testid="tier-assign">{t('memberTier.assign')}</Button>
        </Space>
      )}
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {m.floor && (
          <Alert
            type="warning"
            showIcon
            data-testid="tier-floor"
            title={t('memberTier.floor', { tier: tierName(m.floor.tier, lang) })}
            description={(
              <>
                <div>{m.floor.ends_on ? t('memberTier.floorUntil', { date: m.floor.ends_on }) : t('memberTier.floorForever')}</div>
                <FloorReason floor={m.floor} />
              </>
            )}
          />
        )}
        <Row gutter={[16, 16]}>
          <Col xs={24} md={8}>
            <Statistic title={t('memberTier.figure')} value={m.figure} formatter={() => <span data-testid="tier-figure" data-value={m.figure}>{fig(m.figure)}</span>} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`tiers.bases.${m.basis}`)} · {t('memberTier.window', { from: m.window.from, to: m.window.to })}
            </Typography.Text>
          </Col>
          <Col xs={24} md={8}>
            {m.next ? (
              <>
                <Typography.Text type="secondary">{t('memberTier.next', { tier: tierName(m.next.tier, lang) })}</Typography.Text>
                <div style={{ fontSize: 20, fontWeight: 600 }} data-testid="tier-next-missing" data-value={m.next.missing}>{fig(m.next.missing)}</div>
                <Progress percent={nextPct} size="small" showInfo={false} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('memberTier.reachAt', { value: fig(m.next.reach_threshold) })}</Typography.Text>
              </>
            ) : <Statistic title={t('memberTier.top')} value=" " />}
          </Col>
          <Col xs={24} md={8}>
            {m.keep && (
              <>
                <Typography.Text type="secondary">{t('memberTier.keep')} · {t('memberTier.reviewOn', { date: m.keep.review_on })}</Typography.Text>
                <div style={{ fontSize: 20, fontWeight: 600, color: m.keep.missing > 0 ? '#d46b08' : '#389e0d' }} data-testid="tier-keep">
                  {m.keep.missing > 0 ? t('memberTier.keepMissing', { value: fig(m.keep.missing) }) : t('memberTier.keepOk')}
                </div>
                <Progress percent={keepPct} size="small" showInfo={false} strokeColor={m.keep.missing > 0 ? '#fa8c16' : '#52c41a'} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {m.keep.drops_on ? t('memberTier.dropsOn', { date: m.keep.drops_on }) : m.keep.missing > 0 && m.floor ? t('memberTier.floorHeld') : `${t('tiers.keep')} ${fig(m.keep.threshold)} · ${m.keep.window.from} – ${m.keep.window.to}`}
                </Typography.Text>
              </>
            )}
          </Col>
        </Row>
        {cur && (
          <Descriptions size="small" column={1} items={[{ key: 'b', label: t('tiers.benefits'), children: <BenefitTags tier={cur} /> }]} />
        )}
        <Table
          size="small"
          rowKey="id"
          data-testid="tier-history"
          title={() => <Typography.Text strong>{t('memberTier.history')}</Typography.Text>}
          pagination={m.history.length > 5 ? { pageSize: 5, size: 'small' } : false}
          dataSource={m.history}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          columns={[
            { title: t('memberTier.tierCol'), key: 'tier', render: (_, r) => (r.tier ? <Tag>{tierName(r.tier, lang)}</Tag> : '—') },
            { title: t('memberTier.from'), key: 'from', render: (_, r) => (r.from_tier ? tierName(r.from_tier, lang) : '—') },
            { title: t('memberTier.started'), key: 'started', render: (_, r) => formatTime(r.started_at) },
            { title: t('memberTier.ended_'), key: 'ended', render: (_, r) => formatTime(r.ended_at) },
            { title: t('memberTier.source'), key: 'source', render: (_, r) => t(`memberTier.sources.${r.source}`) },
            { title: t('memberTier.reasonCol'), key: 'reason', render: (_, r) => r.reason ?? '—' },
            { title: t('memberTier.actor'), key: 'actor', render: (_, r) => <ActorName id={r.actor} /> },
          ]}
        />
      </Space>
    </Card>
  );
}

/** Why the floor is there, who set it (by name) and when. */
function FloorReason({ floor }: { floor: NonNullable<MemberTier['floor']> }) {
  const { t } = useTranslation();
  const name = useActorText(floor.actor);
  const actor = floor.actor ? name ?? shortIdText(floor.actor) : t('common.none');
  return <Typography.Text type="secondary" data-testid="tier-floor-reason">{t('memberTier.floorReason', { reason: floor.reason, actor, time: formatTime(floor.created_at) })}</Typography.Text>;
}
