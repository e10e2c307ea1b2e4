import { Avatar, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { StatusAction } from '../../../api/endpoints.ts';
import type { Member } from '../../../api/types.ts';
import { MemberStatusTag } from '../member-status-tag.tsx';
import { formatTime } from '../../../lib/format.ts';

interface Props {
  member: Member;
  /** Null when the key may not change a member's status. */
  onStatusAction: ((action: StatusAction) => void) | null;
}

export function ProfileCard({ member: m, onStatusAction }: Props) {
  const { t } = useTranslation();
  const none = t('common.none');

  const actions: StatusAction[] = !onStatusAction ? [] :
    m.status === 'active' ? ['suspend', 'terminate'] : m.status === 'suspended' ? ['reactivate', 'terminate'] : [];

  return (
    <Card
      data-testid="member-profile"
      title={
        <Space size={12}>
          <Avatar size={40} icon={<UserOutlined />} style={{ background: '#1677ff' }} />
          <span>
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="member-name">{m.name ?? t('member.noName')}</Typography.Text>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('member.memberNo')} <span data-testid="member-no">{m.member_no}</span>
            </Typography.Text>
          </span>
          {m.tier && <Tag color="gold">{m.tier.name}</Tag>}
          <MemberStatusTag status={m.status} />
        </Space>
      }
      extra={
        <Space>
          {actions.map((a) => (
            <Button key={a} danger={a === 'terminate'} onClick={() => onStatusAction?.(a)} data-testid={`member-${a}`}>
              {t(`status.${a}`)}
            </Button>
          ))}
        </Space>
      }
    >
      <Descriptions
        column={{ xs: 1, sm: 2, lg: 4 }}
        size="small"
        items={[
          { key: 'phone', label: t('member.phone'), children: <span data-testid="member-phone">{m.phone}</span> },
          { key: 'gender', label: t('member.gender'), children: m.gender ? t(`member.genders.${m.gender}`) : none },
          { key: 'birthday', label: t('member.birthday'), children: m.birthday ?? none },
          { key: 'email', label: t('member.email'), children: m.email ?? none },
          // masked (110105********0015) for a pos key, whole for an admin key
          { key: 'id', label: t('member.idNumber'), children: m.id_number ?? none },
          { key: 'created', label: t('member.createdAt'), children: formatTime(m.created_at) },
          ...(m.status_reason ? [{ key: 'reason', label: t('member.statusReason'), children: m.status_reason }] : []),
        ]}
      />
    </Card>
  );
}
