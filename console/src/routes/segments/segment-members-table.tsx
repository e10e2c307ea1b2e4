import { Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SegmentMember } from '../../api/types.ts';
import { formatTime } from '../../lib/format.ts';
import { MemberStatusTag } from '../members/member-status-tag.tsx';

type Row = SegmentMember & { joined_at?: string };

/** Members of a segment or a preview: number (to the member page), name, masked phone, tier, status. */
export function SegmentMembersTable({ rows, loading, testId, emptyText }: { rows: Row[]; loading?: boolean; testId: string; emptyText: string }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Row> = [
    { title: t('member.memberNo'), dataIndex: 'member_no', width: 130, render: (no: string, m) => <Link to={`/members/${m.id}`}>{no}</Link> },
    { title: t('member.name'), dataIndex: 'name', render: (n: string | null) => n ?? t('member.noName') },
    { title: t('member.phone'), dataIndex: 'phone', width: 140 },
    { title: t('member.tier'), dataIndex: 'tier', width: 100, render: (tier: Row['tier']) => (tier ? <Tag color="gold">{tier.name}</Tag> : t('common.none')) },
    { title: t('member.status'), dataIndex: 'status', width: 100, render: (s: Row['status']) => <MemberStatusTag status={s} /> },
  ];
  if (rows.some((r) => r.joined_at)) columns.push({ title: t('segments.joinedAt'), dataIndex: 'joined_at', width: 160, render: formatTime });
  return (
    <Table<Row>
      rowKey="id" size="small" columns={columns} dataSource={rows} loading={loading ?? false} pagination={false}
      locale={{ emptyText }} data-testid={testId}
      onRow={(m) => ({ ...({ 'data-testid': `${testId}-row`, 'data-member-id': m.id } as object) })}
    />
  );
}
