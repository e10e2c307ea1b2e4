import { useCallback, useEffect, useState } from 'react';
import { App, Card, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { caseAgents } from '../../api/cases.ts';
import { errorText } from '../../api/client.ts';
import { scorecards, type Scorecard } from '../../api/quality.ts';
import { useSession } from '../../session/session.tsx';
import { AgentsTab } from './agents-tab.tsx';
import { CalibrationTab } from './calibration-tab.tsx';
import { DisputesTab } from './disputes-tab.tsx';
import { SamplesTab } from './samples-tab.tsx';
import { ScorecardsTab } from './scorecards-tab.tsx';
import { TodoTab } from './todo-tab.tsx';

/** 质量监控: the quality team's workspace — cases to score, samples, calibration, per-agent figures, disputes. */
export function QualityPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { program, can, me } = useSession();
  const pid = program?.id ?? '';
  const canReview = can('quality.review');
  const [cards, setCards] = useState<Scorecard[]>([]);
  const [agents, setAgents] = useState<{ id: string; name: string }[]>([]);
  const [tab, setTab] = useState(canReview && me.staff_id ? 'todo' : 'agents');
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  const loadCards = useCallback(() => {
    if (pid) void scorecards(pid).then((r) => setCards(r.items)).catch((err: unknown) => void message.error(errorText(err)));
  }, [pid, message]);
  useEffect(() => {
    if (!pid) return;
    loadCards();
    if (can('cases.read')) void caseAgents(pid).then((r) => setAgents(r.items.map((a) => ({ id: a.id, name: a.display_name })))).catch(() => setAgents([]));
  }, [pid, can, loadCards]);

  return (
    <Card title={t('quality.title')} data-testid="quality-page">
      <Typography.Paragraph type="secondary">{t('quality.intro')}</Typography.Paragraph>
      <Tabs activeKey={tab} onChange={setTab} destroyOnHidden items={[
        ...(canReview && me.staff_id ? [{ key: 'todo', label: <span data-testid="tab-todo">{t('quality.tabs.todo')}</span>, children: <TodoTab key={version} pid={pid} cards={cards} onScored={bump} /> }] : []),
        { key: 'samples', label: <span data-testid="tab-samples">{t('quality.tabs.samples')}</span>, children: <SamplesTab pid={pid} cards={cards} agents={agents} canReview={canReview} meId={me.staff_id ?? undefined} onSampled={bump} /> },
        { key: 'calibration', label: <span data-testid="tab-calibration">{t('quality.tabs.calibration')}</span>, children: <CalibrationTab key={version} pid={pid} /> },
        { key: 'agents', label: <span data-testid="tab-agents">{t('quality.tabs.agents')}</span>, children: <AgentsTab pid={pid} version={version} /> },
        { key: 'disputes', label: <span data-testid="tab-disputes">{t('quality.tabs.disputes')}</span>, children: <DisputesTab key={version} pid={pid} canReview={canReview} onResolved={bump} /> },
        { key: 'scorecards', label: <span data-testid="tab-scorecards">{t('quality.tabs.scorecards')}</span>, children: <ScorecardsTab pid={pid} cards={cards} canEdit={canReview} onChanged={loadCards} /> },
      ]} />
    </Card>
  );
}
