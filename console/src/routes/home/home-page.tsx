import { useEffect, useRef, useState } from 'react';
import { Alert, Card, Col, Row, Statistic, Typography } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { getOverview } from '../../api/endpoints.ts';
import type { ProgramOverview } from '../../api/types.ts';
import { formatTime } from '../../lib/format.ts';
import { formatFen } from '../../lib/money.ts';
import { useSession } from '../../session/session.tsx';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);


/** Purchases (bars) and spend (line) per day over the last 30 days. */
function DaysChart({ days }: { days: ProgramOverview['days'] }) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption({
      // drawn at once: a figure read at a glance, not a show
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 64, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
      yAxis: [{ type: 'value', name: t('home.purchases'), minInterval: 1 }, { type: 'value', name: t('home.spendYuan'), splitLine: { show: false } }],
      series: [
        { name: t('home.purchases'), type: 'bar', data: days.map((d) => d.purchases), itemStyle: { color: '#1677ff' } },
        { name: t('home.spendYuan'), type: 'line', yAxisIndex: 1, data: days.map((d) => Math.round(d.amount_fen) / 100), itemStyle: { color: '#fa8c16' } },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [days, t]);
  return <div ref={el} style={{ height: 300 }} data-testid="home-chart" />;
}

/** The program's key figures: the console's home page (an admin's; a till's key starts at the member search). */
export function HomePage() {
  const { t } = useTranslation();
  const program = useSession().program!;
  const [o, setO] = useState<ProgramOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getOverview(program.id).then(setO, (err: unknown) => setError(errorText(err)));
  }, [program.id]);

  if (error) return <Alert type="error" showIcon title={error} />;
  const figure = (title: string, value: number | string | undefined, testId: string, suffix?: string) => (
    <Col xs={24} sm={12} lg={6}>
      <Card loading={!o}><Statistic title={title} value={value ?? 0} suffix={suffix} data-testid={testId} /></Card>
    </Col>
  );
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{program.name}</Typography.Title>
      <Row gutter={[16, 16]}>
        {figure(t('home.members'), o?.members.total.toLocaleString('en-US'), 'home-members')}
        {figure(t('home.active90'), o?.members.active_90_days.toLocaleString('en-US'), 'home-active')}
        {figure(t('home.outstanding'), o?.points.outstanding.toLocaleString('en-US'), 'home-outstanding', t('common.points'))}
        {figure(t('home.today'), o?.today.purchases, 'home-today')}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col span={24}>
          <Card
            title={t('home.last30')} loading={!o}
            extra={o && <Typography.Text type="secondary">{t('home.todaySpend', { amount: formatFen(o.today.amount_fen), points: o.today.points })}</Typography.Text>}
          >
            {o && <DaysChart days={o.days} />}
            {o && (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                {t('home.footnote', { active: o.members.active, enrolled: o.members.enrolled_today, pending: o.points.pending.toLocaleString('en-US'), asOf: formatTime(o.as_of), tz: o.time_zone })}
              </Typography.Paragraph>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
