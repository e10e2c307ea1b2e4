import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Empty, Input, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.ts';
import { listStores } from '../../api/endpoints.ts';
import type { Store } from '../../api/types.ts';
import {
  listCategories, listSuggestions, suggestionSummary, type Suggestion, type SuggestionCategory, type SuggestionStatus, type SuggestionSummary,
} from '../../api/suggestions.ts';
import { formatTime } from '../../lib/format.ts';
import { useSession } from '../../session/session.tsx';
import { CategoriesModal } from './categories-modal.tsx';
import { SubmitForm } from './submit-form.tsx';
import { SuggestionDrawer } from './suggestion-drawer.tsx';
import { SuggestionAuthor, SuggestionStatusTag } from './suggestion-tags.tsx';

const STATUSES: SuggestionStatus[] = ['new', 'under_review', 'adopted', 'declined', 'duplicate'];

/** 会员建议: the board with counts per status, filters (status, category, store, words), and the drawer to decide one. */
export function SuggestionsPage() {
  const { t } = useTranslation();
  const { program, can } = useSession();
  const pid = program!.id;
  const [status, setStatus] = useState<SuggestionStatus | undefined>(undefined);
  const [category, setCategory] = useState<string | undefined>(undefined);
  const [store, setStore] = useState<string | undefined>(undefined);
  const [q, setQ] = useState<string | undefined>(undefined);
  const [items, setItems] = useState<Suggestion[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [summary, setSummary] = useState<SuggestionSummary | null>(null);
  const [categories, setCategories] = useState<SuggestionCategory[]>([]);
  const [stores, setStores] = useState<Store[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [managing, setManaging] = useState(false);

  const load = useCallback(async (cursor?: string) => {
    try {
      const page = await listSuggestions(pid, { status, category_id: category, store_id: store, q, cursor });
      setItems((prev) => (cursor ? [...(prev ?? []), ...page.items] : page.items));
      setNext(page.next_cursor);
      if (!cursor) setSummary(await suggestionSummary(pid));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, [pid, status, category, store, q]);
  useEffect(() => { void load(); }, [load]);
  const loadLists = useCallback(() => {
    void listCategories(pid).then((r) => setCategories(r.items), () => undefined);
    void listStores(pid).then((r) => setStores(r.items), () => undefined);
  }, [pid]);
  useEffect(loadLists, [loadLists]);
  const storeName = (id: string | null) => (id ? (stores.find((s) => s.id === id)?.name ?? '—') : '—');
  const filtered = status !== undefined || category !== undefined || store !== undefined || q !== undefined;

  return (
    <Card
      title={t('suggestions.title')}
      extra={(
        <Space wrap>
          {can('suggestions.manage') && <Button icon={<SettingOutlined />} onClick={() => setManaging(true)} data-testid="suggestion-categories-open">{t('suggestions.categories')}</Button>}
          {can('suggestions.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="suggestion-create">{t('suggestions.create')}</Button>}
        </Space>
      )}
    >
      <Typography.Paragraph type="secondary">{t('suggestions.help')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }} data-testid="suggestion-counts">
        <Button type={status === undefined ? 'primary' : 'default'} onClick={() => setStatus(undefined)} data-testid="suggestion-count-all">{t('suggestions.allStatuses')}</Button>
        {STATUSES.map((s) => (
          <Button key={s} type={status === s ? 'primary' : 'default'} onClick={() => setStatus(s)} data-testid={`suggestion-count-${s}`}>
            {t(`suggestions.statuses.${s}`)} <Badge count={summary?.counts[s] ?? 0} showZero color={status === s ? '#fff' : '#8c8c8c'} style={status === s ? { color: '#1677ff' } : undefined} />
          </Button>
        ))}
      </Space>
      <Space wrap style={{ marginBottom: 12, display: 'flex' }}>
        <Select<string> allowClear value={category} placeholder={t('suggestions.allCategories')} style={{ width: 160 }} onChange={(v) => setCategory(v ?? undefined)}
          data-testid="suggestion-filter-category" options={categories.map((c) => ({ value: c.id, label: c.name }))} />
        <Select<string> allowClear value={store} placeholder={t('suggestions.allStores')} style={{ width: 160 }} onChange={(v) => setStore(v ?? undefined)}
          data-testid="suggestion-filter-store" options={stores.map((s) => ({ value: s.id, label: s.name }))} />
        <Input.Search allowClear placeholder={t('suggestions.search')} style={{ width: 240 }} onSearch={(v) => setQ(v.trim() || undefined)} data-testid="suggestion-filter-q" />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Suggestion>
        rowKey="id" size="middle" loading={items === null && !error} dataSource={items ?? []} pagination={false} data-testid="suggestion-table"
        locale={{ emptyText: <Empty description={filtered ? t('suggestions.emptyFiltered') : t('suggestions.empty')} /> }}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' }, 'data-testid': `suggestion-row-${r.id}` } as object)}
        columns={[
          { title: t('suggestions.titleCol'), key: 'title', render: (_, r) => <Typography.Text strong>{r.title}</Typography.Text> },
          { title: t('suggestions.category'), key: 'category', width: 110, render: (_, r) => r.category.name },
          { title: t('suggestions.store'), key: 'store', width: 120, render: (_, r) => storeName(r.store_id) },
          { title: t('suggestions.author'), key: 'author', width: 150, render: (_, r) => <SuggestionAuthor s={r} /> },
          { title: t('suggestions.support'), key: 'support', width: 70, align: 'right', render: (_, r) => r.support_count },
          { title: t('suggestions.status'), key: 'status', width: 90, render: (_, r) => <SuggestionStatusTag status={r.status} /> },
          { title: t('suggestions.submittedAt'), key: 'at', width: 150, render: (_, r) => formatTime(r.submitted_at) },
        ]}
      />
      {next && <Button block style={{ marginTop: 12 }} onClick={() => void load(next)}>{t('suggestions.loadMore')}</Button>}
      <SuggestionDrawer id={openId} stores={stores} adoptionPoints={summary?.adoption_points ?? 0} onClose={() => setOpenId(null)} onChanged={() => void load()} />
      <SubmitForm open={creating} categories={categories} stores={stores} onClose={() => setCreating(false)} onDone={(s) => { setCreating(false); void load(); setOpenId(s.id); }} />
      <CategoriesModal open={managing} onClose={() => { setManaging(false); loadLists(); }} />
    </Card>
  );
}
