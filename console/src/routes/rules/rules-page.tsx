import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Popconfirm, Segmented, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { listCampaigns, listRules, listSegments, listStores, listTiers, setRuleStatus } from '../../api/endpoints.ts';
import type { Rule, RuleStatus, Store, Tier } from '../../api/types.ts';
import { ruleName } from '../../lib/rule-names.ts';
import { useLang } from '../../session/lang.tsx';
import { useSession } from '../../session/session.tsx';
import { EarnSettingsCard } from './earn-settings-card.tsx';
import { EventRewardsCard } from './event-rewards-card.tsx';
import { RuleEditor } from './rule-editor.tsx';
import { RuleStatusTag } from './rule-status-tag.tsx';
import { capTexts, conditionTexts, effectText, validityText } from './rule-text.ts';

type Filter = 'all' | RuleStatus;

export function RulesPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const program = useSession().program!;
  const [filter, setFilter] = useState<Filter>('all');
  const [rules, setRules] = useState<Rule[] | null>(null);
  const [stores, setStores] = useState<Store[]>([]);
  const [tiers, setTiers] = useState<Tier[]>([]);
  const [segments, setSegments] = useState<{ id: string; name: string }[]>([]);
  const [campaigns, setCampaigns] = useState<{ id: string; name: string }[]>([]);
  const [editing, setEditing] = useState<{ id: string | null } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    setRules(null);
    try {
      setRules((await listRules(program.id, filter === 'all' ? undefined : filter)).items);
    } catch (err) {
      setRules([]);
      void message.error(errorText(err));
    }
  }, [program.id, filter, message]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    listStores(program.id).then((r) => setStores(r.items), () => setStores([]));
    listTiers(program.id).then((r) => setTiers(r.items), () => setTiers([]));
    listSegments(program.id).then((r) => setSegments(r.items.filter((x) => x.status === 'active')), () => setSegments([]));
    listCampaigns(program.id).then((r) => setCampaigns(r.items.filter((x) => x.status === 'draft' || x.status === 'active')), () => setCampaigns([]));
  }, [program.id]);

  const names = useMemo(() => ({
    stores: new Map(stores.map((s) => [s.id, s.name])),
    tiers: new Map(tiers.map((x) => [x.id, x.name])),
  }), [stores, tiers]);

  async function changeStatus(r: Rule, status: RuleStatus) {
    setBusy(r.id);
    try {
      await setRuleStatus(program.id, r.id, status);
      void message.success(t(status === 'archived' ? 'rules.archived' : status === 'paused' ? 'rules.paused' : 'rules.resumed'));
      await load();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(null);
    }
  }

  const columns: TableColumnsType<Rule> = [
    {
      title: t('rules.name'), dataIndex: 'name', width: 250,
      render: (_: string, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => setEditing({ id: r.id })} data-testid="rule-name-link">{ruleName(r, lang)}</Typography.Link>
          {lang === 'zh' && r.name_en && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.name_en}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('rules.status'), dataIndex: 'status', width: 90, render: (s: RuleStatus) => <RuleStatusTag status={s} /> },
    { title: t('rules.priority'), dataIndex: 'priority', width: 80, align: 'right' },
    { title: t('rules.mode'), dataIndex: 'mode', width: 90, render: (m: Rule['mode']) => <Tag color={m === 'exclusive' ? 'magenta' : 'cyan'}>{t(`rules.modes.${m}`)}</Tag> },
    {
      title: t('rules.effect'), dataIndex: 'effect', width: 200,
      render: (e: Rule['effect'], r) => {
        const caps = capTexts(t, r.caps);
        return (
          <Space orientation="vertical" size={2}>
            <Typography.Text strong>{effectText(t, e)}</Typography.Text>
            {caps.length > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{caps.join(t('rules.listSep'))}</Typography.Text>}
          </Space>
        );
      },
    },
    {
      title: t('rules.conditions'), dataIndex: 'conditions',
      render: (c: Rule['conditions']) => {
        const texts = conditionTexts(t, c, names);
        return texts.length
          ? <Space size={[4, 4]} wrap>{texts.map((x) => <Tag key={x} style={{ marginInlineEnd: 0 }}>{x}</Tag>)}</Space>
          : <Typography.Text type="secondary">{t('rules.anyPurchase')}</Typography.Text>;
      },
    },
    { title: t('rules.validity'), key: 'validity', width: 210, render: (_: unknown, r) => <span style={{ whiteSpace: 'nowrap' }}>{validityText(t, r)}</span> },
    { title: t('rules.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
    {
      title: t('common.actions'), key: 'actions', width: 170,
      render: (_: unknown, r) => r.status === 'archived' ? (
        <Button type="link" size="small" onClick={() => setEditing({ id: r.id })}>{t('rules.view')}</Button>
      ) : (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing({ id: r.id })} data-testid="rule-edit">{t('rules.edit')}</Button>
          <Button type="link" size="small" loading={busy === r.id} onClick={() => void changeStatus(r, r.status === 'active' ? 'paused' : 'active')} data-testid="rule-toggle">
            {r.status === 'active' ? t('rules.pause') : t('rules.resume')}
          </Button>
          <Popconfirm title={t('rules.archiveConfirm', { name: ruleName(r, lang) })} onConfirm={() => changeStatus(r, 'archived')} okButtonProps={{ danger: true }} styles={{ root: { maxWidth: 320 } }}>
            <Button type="link" size="small" danger data-testid="rule-archive">{t('rules.archive')}</Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('rules.title')}
        styles={{ body: { padding: 0 } }}
        extra={
          <Space>
            <Segmented<Filter>
              data-testid="rule-filter"
              value={filter}
              onChange={setFilter}
              options={(['all', 'active', 'paused', 'archived'] as const).map((f) => ({ value: f, label: t(`rules.filter.${f}`) }))}
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ id: null })} data-testid="rule-create">{t('rules.create')}</Button>
          </Space>
        }
      >
        <Table<Rule>
          rowKey="id"
          columns={columns}
          dataSource={rules ?? []}
          loading={rules === null}
          pagination={false}
          locale={{ emptyText: t('rules.empty') }}
          data-testid="rules-table"
          onRow={(r) => ({ ...({ 'data-testid': 'rule-row', 'data-rule-id': r.id } as object) })}
        />
      </Card>
      <EarnSettingsCard />
      <EventRewardsCard />
      <RuleEditor target={editing} stores={stores} tiers={tiers} segments={segments} campaigns={campaigns} onClose={() => setEditing(null)} onSaved={() => void load()} />
    </Space>
  );
}
