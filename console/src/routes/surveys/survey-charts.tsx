import { useEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Bars of answers per bucket and the survey's figure as a line on its own axis: a trend, or a breakdown. */
export function FigureChart({ labels, answers, values, answersName, valueName, height = 260, testId, horizontal = false }: {
  labels: string[]; answers: number[]; values: (number | null)[]; answersName: string; valueName: string; height?: number; testId: string; horizontal?: boolean;
}) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    const category = { type: 'category' as const, data: labels, axisLabel: { interval: 0, hideOverlap: true } };
    chart.setOption(horizontal ? {
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 96, right: 24, top: 32, bottom: 24 },
      yAxis: { ...category, inverse: true }, xAxis: { type: 'value' },
      series: [{ name: valueName, type: 'bar', data: values, itemStyle: { color: '#1677ff' }, label: { show: true, position: 'right' } }],
    } : {
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 48, right: 48, top: 36, bottom: 28 },
      xAxis: category, yAxis: [{ type: 'value', name: answersName }, { type: 'value', name: valueName, splitLine: { show: false } }],
      series: [
        { name: answersName, type: 'bar', data: answers, itemStyle: { color: '#bae0ff' } },
        { name: valueName, type: 'line', yAxisIndex: 1, data: values, smooth: true, connectNulls: true, showSymbol: true, symbolSize: 8, clip: false, itemStyle: { color: '#0958d9' } },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [labels, answers, values, answersName, valueName, horizontal]);
  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} />;
}
