import { useEffect, useState } from 'react';
import { App, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { calibrations, pct, type Calibration } from '../../api/quality.ts';
import { useLang } from '../../session/lang.tsx';

type Row = Calibration['categories'][number];

/** Cases two reviewers scored: their answers side by side, the categories they disagree on highlighted with the gap. */
export function CalibrationTab({ pid }: { pid: string }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [items, setItems] = useState<Calibration[] | null>(null);
  useEffect(() => { void calibrations(pid).then((r) => setItems(r.items)).catch((err: unknown) => { void message.error(errorText(err)); setItems([]); }); }, [pid, message]);
  if (items && !items.length) return <Empty description={t('quality.calibration.none')} />;
  const value = (v: number | null) => (v === null ? t('quality.review.na') : String(v));

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="calibration">
      {(items ?? []).map((c) => (
        <Card key={c.case_id} size="small" title={<Space><Typography.Text strong>{c.case_number}</Typography.Text><span>{t('quality.agent')}: {c.agent_name ?? '—'}</span></Space>}
          extra={c.score_gap === null ? null : <Tag color={c.score_gap > 0.1 ? 'red' : 'default'}>{t('quality.calibration.scoreGap', { gap: pct(c.score_gap) })}</Tag>}>
          <Table<Row> rowKey="key" size="small" pagination={false} dataSource={c.categories}
            onRow={(r) => ({ style: r.disagree ? { background: '#fff1f0' } : {}, 'data-testid': `cal-${c.case_number}-${r.key}${r.disagree ? '-disagree' : ''}` } as React.HTMLAttributes<HTMLElement>)}
            columns={[
              { title: t('quality.calibration.category'), key: 'name', render: (_, r) => (lang === 'en' ? r.name_en : r.name_zh) },
              ...c.reviews.map((rv, i) => ({
                title: `${rv.reviewer_name ?? '—'} (${pct(rv.score)})`, key: `r${i}`,
                render: (_: unknown, r: Row) => <Typography.Text strong={r.disagree}>{value(r.values[i] ?? null)}</Typography.Text>,
              })),
              { title: t('quality.calibration.gap'), key: 'gap', width: 120, render: (_, r) => (r.disagree ? <Tag color="red">{r.gap === null ? t('quality.calibration.disagree') : pct(r.gap)}</Tag> : '—') },
            ]} />
        </Card>
      ))}
    </Space>
  );
}
