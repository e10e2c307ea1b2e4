import { useEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import type { CampaignReport } from '../../api/types.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Mean spend per member by day, treated vs held out (bars), and the cumulative means (lines). */
export function HoldoutChart({ report }: { report: CampaignReport }) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    const yuan = (fen: number) => Math.round(fen) / 100;
    let ct = 0;
    let ch = 0;
    const cumT = report.daily.map((d) => yuan((ct += d.treated_mean_spend_fen)));
    const cumH = report.daily.map((d) => yuan((ch += d.held_out_mean_spend_fen)));
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: report.daily.map((d) => d.date.slice(5)) },
      yAxis: [{ type: 'value', name: t('campaigns.meanSpendDaily') }, { type: 'value', name: '∑', splitLine: { show: false } }],
      series: [
        { name: t('campaigns.treated'), type: 'bar', data: report.daily.map((d) => yuan(d.treated_mean_spend_fen)), itemStyle: { color: '#1677ff' } },
        { name: t('campaigns.heldOut'), type: 'bar', data: report.daily.map((d) => yuan(d.held_out_mean_spend_fen)), itemStyle: { color: '#bfbfbf' } },
        { name: `${t('campaigns.treated')} ∑`, type: 'line', yAxisIndex: 1, data: cumT, smooth: true, itemStyle: { color: '#0958d9' } },
        { name: `${t('campaigns.heldOut')} ∑`, type: 'line', yAxisIndex: 1, data: cumH, smooth: true, itemStyle: { color: '#8c8c8c' } },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [report, t]);
  return <div ref={el} style={{ width: '100%', height: 320 }} data-testid="holdout-chart" />;
}
