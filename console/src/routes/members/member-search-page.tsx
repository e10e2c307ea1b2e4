import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { SearchOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../../api/client.ts';
import { searchMembers } from '../../api/endpoints.ts';
import type { Member } from '../../api/types.ts';
import { useSession } from '../../session/session.tsx';
import { formatTime } from '../../lib/format.ts';
import { EnrolMemberForm } from './enrol-member-form.tsx';
import { MemberStatusTag } from './member-status-tag.tsx';
import { maskPhone } from '../../lib/mask.ts';

export function MemberSearchPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const program = useSession().program!;
  // The query lives in the URL so "back" from a member page shows the same results.
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [input, setInput] = useState(q);
  const [results, setResults] = useState<Member[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [enrolOpen, setEnrolOpen] = useState(false);

  const run = useCallback(async (term: string) => {
    if (!term) {
      setResults(null);
      return;
    }
    setLoading(true);
    try {
      setResults((await searchMembers(program.id, term)).items);
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setLoading(false);
    }
  }, [program.id, message]);

  useEffect(() => {
    void run(q);
  }, [q, run]);

  function submit() {
    const term = input.trim();
    setParams(term ? { q: term } : {});
    // The same query again does not change the URL, so run it by hand to refresh.
    if (term === q) void run(term);
  }

  const columns: TableColumnsType<Member> = [
    {
      title: t('member.memberNo'), dataIndex: 'member_no', width: 180,
      render: (no: string, m) => <Link to={`/members/${m.id}`}>{no}</Link>,
    },
    { title: t('member.name'), dataIndex: 'name', render: (name: string | null) => name ?? <Typography.Text type="secondary">{t('member.noName')}</Typography.Text> },
    // masked on screen whatever the key may read (a person looks at it): src/platform/mask.ts
    { title: t('member.phone'), dataIndex: 'phone', width: 160, render: (v: string) => maskPhone(v) },
    { title: t('member.tier'), dataIndex: 'tier', width: 140, render: (tier: Member['tier']) => (tier ? <Tag color="gold">{tier.name}</Tag> : t('common.none')) },
    { title: t('member.status'), dataIndex: 'status', width: 120, render: (s: Member['status']) => <MemberStatusTag status={s} /> },
    { title: t('member.createdAt'), dataIndex: 'created_at', width: 180, render: formatTime },
  ];

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
        <Space.Compact style={{ width: '100%', maxWidth: 560 }}>
          <Input
            data-testid="member-search-input"
            size="large"
            allowClear
            prefix={<SearchOutlined />}
            value={input}
            onChange={(e) => setInput(e.target.value)}
            onPressEnter={submit}
            placeholder={t('search.placeholder')}
          />
          <Button type="primary" size="large" loading={loading} onClick={submit} data-testid="member-search-button">
            {t('search.button')}
          </Button>
        </Space.Compact>
      </Card>
      {results !== null && (
        <Card title={t('search.results')} styles={{ body: { padding: 0 } }}>
          <Table<Member>
            rowKey="id"
            columns={columns}
            dataSource={results}
            loading={loading}
            pagination={false}
            locale={{ emptyText: t('search.empty') }}
            onRow={(m) => ({
              onClick: () => void navigate(`/members/${m.id}`),
              style: { cursor: 'pointer' },
              ...({ 'data-testid': 'member-row', 'data-member-id': m.id } as object),
            })}
          />
        </Card>
      )}
      <EnrolMemberForm
        open={enrolOpen}
        onClose={() => setEnrolOpen(false)}
        onEnrolled={(m) => void navigate(`/members/${m.id}`)}
      />
    </Space>
  );
}
