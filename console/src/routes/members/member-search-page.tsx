import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Button, Card, DatePicker, Input, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { SearchOutlined, UserAddOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../../api/client.ts';
import { listMembers, listTiers, type MemberListQuery } from '../../api/endpoints.ts';
import type { Member, MemberStatus, Tier } from '../../api/types.ts';
import { useSession } from '../../session/session.tsx';
import { formatTime } from '../../lib/format.ts';
import { EnrolMemberForm } from './enrol-member-form.tsx';
import { MemberStatusTag } from './member-status-tag.tsx';
import { maskPhone } from '../../lib/mask.ts';
import { tierName } from '../../lib/tier-format.ts';

const STATUSES: MemberStatus[] = ['active', 'suspended', 'terminated'];

/**
 * 会员: the program's members, newest enrolled first, filtered by status, tier and enrolment
 * dates, with the search box above; a search replaces the list while it is active and the
 * filters narrow it too. Everything is in the URL, so "back" from a member shows the same list.
 */
export function MemberSearchPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { program, can, me } = useSession();
  // a cashier (store staff, a till) finds the member in front of them; the server lists no more
  const till = me.role === 'store_staff' || me.role === 'pos';
  const pid = program!.id;
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = (params.get('status') ?? undefined) as MemberStatus | undefined;
  const tierId = params.get('tier') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const [input, setInput] = useState(q);
  const [items, setItems] = useState<Member[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [tiers, setTiers] = useState<Tier[]>([]);
  const [enrolOpen, setEnrolOpen] = useState(false);
  // answers of an older filter arriving late must not replace the current list
  const generation = useRef(0);

  useEffect(() => { setInput(q); }, [q]);
  useEffect(() => {
    if (can('loyalty.read')) listTiers(pid).then((r) => setTiers(r.items), () => setTiers([]));
  }, [pid, can]);

  const load = useCallback(async (after?: string) => {
    const mine = after ? generation.current : ++generation.current;
    if (till && !q) {
      setItems([]);
      setCursor(null);
      return;
    }
    setLoading(true);
    try {
      const f: MemberListQuery = { q: q || undefined, status, tier_id: tierId, enrolled_from: from, enrolled_to: to, cursor: after };
      const page = await listMembers(pid, f);
      if (mine !== generation.current) return;
      setItems((prev) => (after ? [...(prev ?? []), ...page.items] : page.items));
      setCursor(page.next_cursor);
    } catch (err) {
      if (mine === generation.current) {
        void message.error(errorText(err));
        if (!after) setItems([]);
      }
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [pid, q, status, tierId, from, to, message, till]);

  useEffect(() => { void load(); }, [load]);

  /** Sets some of the URL's parameters, keeping the others. */
  function set(next: Record<string, string | undefined>) {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) merged.set(k, v);
      else merged.delete(k);
    }
    setParams(merged);
  }

  function submit() {
    const term = input.trim();
    // The same query again does not change the URL, so run it by hand to refresh.
    if (term === q) void load();
    else set({ q: term || undefined });
  }

  const columns: TableColumnsType<Member> = [
    {
      title: t('member.memberNo'), dataIndex: 'member_no', width: 180,
      render: (no: string, m) => <Link to={`/members/${m.id}`}>{no}</Link>,
    },
    {
      title: t('member.name'), dataIndex: 'name',
      render: (name: string | null, m) => (m.erased
        ? <Tag data-testid="member-erased">{t('search.erased')}</Tag>
        : name ?? <Typography.Text type="secondary">{t('member.noName')}</Typography.Text>),
    },
    // masked on screen whatever the key may read (a person looks at it): src/platform/mask.ts
    { title: t('member.phone'), dataIndex: 'phone', width: 160, render: (v: string, m) => (m.erased ? '—' : maskPhone(v)) },
    { title: t('member.tier'), dataIndex: 'tier', width: 140, render: (tier: Member['tier']) => (tier ? <Tag color="gold">{tier.name}</Tag> : t('common.none')) },
    {
      // why the member is suspended or terminated (会员卡挂失…), on hover: what an operator filtering them wants to know
      title: t('member.status'), dataIndex: 'status', width: 120,
      render: (s: Member['status'], m) => <Tooltip title={s === 'active' || m.erased ? undefined : m.status_reason}><span><MemberStatusTag status={s} /></span></Tooltip>,
    },
    { title: t('member.createdAt'), dataIndex: 'created_at', width: 180, render: formatTime },
  ];
  const filtered = Boolean(status || tierId || from || to);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('search.title')}
        extra={
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setEnrolOpen(true)} data-testid="enrol-member">
            {t('search.enrol')}
          </Button>
        }
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Space.Compact style={{ width: '100%', maxWidth: 560 }}>
            <Input
              data-testid="member-search-input"
              size="large"
              allowClear
              prefix={<SearchOutlined />}
              value={input}
              onChange={(e) => {
                setInput(e.target.value);
                // clearing the box (its ✕) ends the search: the list comes back
                if (!e.target.value && q) set({ q: undefined });
              }}
              onPressEnter={submit}
              placeholder={t('search.placeholder')}
            />
            <Button type="primary" size="large" loading={loading && Boolean(q)} onClick={submit} data-testid="member-search-button">
              {t('search.button')}
            </Button>
          </Space.Compact>
          <Space wrap>
            <Select<MemberStatus>
              allowClear placeholder={t('search.filterStatus')} style={{ width: 140 }} value={status} data-testid="member-filter-status"
              onChange={(v) => set({ status: v })}
              options={STATUSES.map((s) => ({ value: s, label: t(`member.statuses.${s}`) }))}
            />
            {tiers.length > 0 && (
              <Select<string>
                allowClear placeholder={t('search.filterTier')} style={{ width: 140 }} value={tierId} data-testid="member-filter-tier"
                onChange={(v) => set({ tier: v })}
                options={tiers.map((x) => ({ value: x.id, label: tierName(x, i18n.language) }))}
              />
            )}
            <DatePicker.RangePicker
              allowEmpty={[true, true]} data-testid="member-filter-enrolled"
              placeholder={[t('search.enrolledFrom'), t('search.enrolledTo')]}
              value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
              onChange={(r: [Dayjs | null, Dayjs | null] | null) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            />
            {filtered && (
              <Button type="link" onClick={() => set({ status: undefined, tier: undefined, from: undefined, to: undefined })} data-testid="member-filter-clear">
                {t('search.clearFilters')}
              </Button>
            )}
          </Space>
        </Space>
      </Card>
      <Card title={q ? t('search.results') : t('search.listTitle')} styles={{ body: { padding: 0 } }} data-testid={q ? 'member-results' : 'member-list'}>
        <Table<Member>
          rowKey="id"
          columns={columns}
          dataSource={items ?? []}
          loading={loading}
          pagination={false}
          locale={{ emptyText: q ? t('search.empty') : till ? t('search.tillHint') : filtered ? t('search.emptyFiltered') : t('search.emptyList') }}
          onRow={(m) => ({
            onClick: () => void navigate(`/members/${m.id}`),
            style: { cursor: 'pointer' },
            ...({ 'data-testid': 'member-row', 'data-member-id': m.id, 'data-status': m.status } as object),
          })}
        />
        {cursor && (
          <div style={{ padding: 12, textAlign: 'center' }}>
            <Button onClick={() => void load(cursor)} loading={loading} data-testid="member-load-more">{t('search.loadMore')}</Button>
          </div>
        )}
      </Card>
      <EnrolMemberForm
        open={enrolOpen}
        onClose={() => setEnrolOpen(false)}
        onEnrolled={(m) => void navigate(`/members/${m.id}`)}
      />
    </Space>
  );
}
