import { useCallback, useEffect, useState } from 'react';
import { App, Breadcrumb, Button, Card, Col, Descriptions, Popconfirm, Result, Row, Space, Statistic, Tag, Typography } from 'antd';
import { EditOutlined, InboxOutlined, SyncOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, errorText } from '../../api/client.ts';
import { archiveSegment, getSegment, refreshSegment, segmentMembers } from '../../api/endpoints.ts';
import type { Segment, SegmentSample } from '../../api/types.ts';
import { formatTime } from '../../lib/format.ts';
import { newIdempotencyKey } from '../../lib/idempotency.ts';
import { useLang } from '../../session/lang.tsx';
import { useSession } from '../../session/session.tsx';
import { describeConditions } from './conditions.ts';
import { segmentName } from './segment-list-page.tsx';
import { SegmentMembersTable } from './segment-members-table.tsx';
import { useProgramNames } from './use-program-names.ts';

export function SegmentDetailPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { segmentId = '' } = useParams();
  const program = useSession().program!;
  const names = useProgramNames(program.id);
  const [segment, setSegment] = useState<Segment | null>(null);
  const [sample, setSample] = useState<SegmentSample | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const [s, m] = await Promise.all([getSegment(program.id, segmentId), segmentMembers(program.id, segmentId, 20)]);
      setSegment(s);
      setSample(m);
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    }
  }, [program.id, segmentId]);
  useEffect(() => { void load(); }, [load]);

  async function act(fn: () => Promise<Segment>, done: (s: Segment) => string) {
    setBusy(true);
    try {
      const s = await fn();
      void message.success(done(s));
      await load();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  if (error && !segment) {
    return <Result status={error.problem.status === 404 ? '404' : 'error'} title={error.problem.title} subTitle={error.problem.detail} extra={<Link to="/segments"><Button>{t('common.back')}</Button></Link>} />;
  }
  const conditions = segment ? describeConditions(segment.conditions, t, names) : [];
  const active = segment?.status === 'active';

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/segments">{t('nav.segments')}</Link> }, { title: segment ? segmentName(segment, lang) : segmentId }]} />
      <Card
        loading={!segment}
        title={<span data-testid="segment-name">{segment ? segmentName(segment, lang) : ''}</span>}
        extra={segment && (
          <Space>
            {active && <Button icon={<SyncOutlined />} loading={busy} onClick={() => void act(() => refreshSegment(program.id, segmentId), (s) => t('segments.refreshed', { size: s.size ?? 0 }))} data-testid="segment-refresh">{t('segments.refresh')}</Button>}
            {active && <Button icon={<EditOutlined />} onClick={() => void navigate(`/segments/${segmentId}/edit`)} data-testid="segment-edit">{t('segments.edit')}</Button>}
            {active && (
              <Popconfirm title={t('segments.archiveConfirm')} onConfirm={() => void act(() => archiveSegment(program.id, segmentId, newIdempotencyKey()), () => t('segments.archived'))} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                <Button danger icon={<InboxOutlined />} loading={busy}>{t('segments.archive')}</Button>
              </Popconfirm>
            )}
          </Space>
        )}
      >
        {segment && (
          <Row gutter={24}>
            <Col xs={24} md={6}>
              <Statistic title={t('segments.size')} value={segment.size ?? '—'} valueStyle={{ fontSize: 36 }} />
              <span data-testid="segment-detail-size" hidden>{segment.size ?? ''}</span>
            </Col>
            <Col xs={24} md={18}>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('segments.conditions')}>
                  {conditions.length ? <Space size={[4, 4]} wrap>{conditions.map((c) => <Tag key={c} color="blue">{c}</Tag>)}</Space> : t('segments.noConditions')}
                </Descriptions.Item>
                {segment.description && <Descriptions.Item label={t('segments.description')}>{segment.description}</Descriptions.Item>}
                <Descriptions.Item label={t('segments.status')}><Tag color={active ? 'green' : 'default'}>{t(`segments.statuses.${segment.status}`)}</Tag></Descriptions.Item>
                <Descriptions.Item label={t('segments.refreshedAt')}>{segment.refreshed_at ? formatTime(segment.refreshed_at) : t('segments.never')}</Descriptions.Item>
                <Descriptions.Item label={t('segments.statsRefreshedAt')}>{segment.stats_refreshed_at ? formatTime(segment.stats_refreshed_at) : t('segments.never')}</Descriptions.Item>
              </Descriptions>
              <Typography.Text type="secondary">{t('segments.freshness')}</Typography.Text>
            </Col>
          </Row>
        )}
      </Card>
      <Card title={t('segments.sample')} styles={{ body: { padding: 0 } }} loading={!sample}>
        <SegmentMembersTable rows={sample?.items ?? []} testId="segment-sample" emptyText={t('segments.sampleEmpty')} />
      </Card>
    </Space>
  );
}
