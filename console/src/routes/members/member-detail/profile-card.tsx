import { useEffect, useState } from 'react';
import { Avatar, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { EditOutlined, EyeOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Revealed, StatusAction } from '../../../api/endpoints.ts';
import type { Member } from '../../../api/types.ts';
import { MASKS, type PersonalField } from '../../../lib/mask.ts';
import { MemberStatusTag } from '../member-status-tag.tsx';
import { formatTime } from '../../../lib/format.ts';
import { RevealModal } from './reveal-modal.tsx';

interface Props {
  member: Member;
  /** Null when the key may not change a member's status. */
  onStatusAction: ((action: StatusAction) => void) | null;
  /** Whether the caller may reveal personal data with a purpose ('pii.reveal'). */
  canReveal: boolean;
  /** Null when the caller may not edit the profile. */
  onEdit: (() => void) | null;
}

const FIELDS: PersonalField[] = ['phone', 'email', 'id_number', 'address'];

/** Revealed values, shown until `until` (the API's expires_in_s), then masked again. */
interface Shown {
  values: Revealed;
  until: number;
}

export function ProfileCard({ member: m, onStatusAction, canReveal, onEdit }: Props) {
  const { t } = useTranslation();
  const none = t('common.none');
  const [revealing, setRevealing] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const [now, setNow] = useState(() => Date.now());

  // another member, another reveal
  useEffect(() => setShown(null), [m.id]);
  useEffect(() => {
    if (!shown) return;
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= shown.until) setShown(null);
    }, 1000);
    return () => clearInterval(timer);
  }, [shown]);

  const actions: StatusAction[] = !onStatusAction ? [] :
    m.status === 'active' ? ['suspend', 'terminate'] : m.status === 'suspended' ? ['reactivate', 'terminate'] : [];
  const present = FIELDS.filter((f) => m[f] !== null);
  /** Masked on this screen whatever the key may read; whole only while a reveal lasts. */
  const field = (f: PersonalField) => {
    const clear = shown?.values[f];
    if (typeof clear === 'string') return <Typography.Text strong data-testid={`member-${f}`}>{clear}</Typography.Text>;
    const v = m[f];
    return v === null ? none : <span data-testid={`member-${f}`}>{MASKS[f](v)}</span>;
  };
  const left = shown ? Math.max(0, Math.ceil((shown.until - now) / 1000)) : 0;

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
          {shown && <Tag color="orange" data-testid="reveal-countdown">{t('reveal.showing', { seconds: left })}</Tag>}
          {canReveal && !shown && present.length > 0 && (
            <Button icon={<EyeOutlined />} onClick={() => setRevealing(true)} data-testid="member-reveal">{t('reveal.action')}</Button>
          )}
          {shown && <Button onClick={() => setShown(null)} data-testid="member-hide">{t('reveal.hide')}</Button>}
          {onEdit && <Button icon={<EditOutlined />} onClick={onEdit} data-testid="member-edit">{t('profileEdit.action')}</Button>}
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
          { key: 'phone', label: t('member.phone'), children: field('phone') },
          { key: 'gender', label: t('member.gender'), children: m.gender ? t(`member.genders.${m.gender}`) : none },
          { key: 'birthday', label: t('member.birthday'), children: m.birthday ?? none },
          { key: 'email', label: t('member.email'), children: field('email') },
          { key: 'id', label: t('member.idNumber'), children: field('id_number') },
          { key: 'address', label: t('member.address'), children: field('address') },
          { key: 'language', label: t('member.language'), children: <span data-testid="member-language">{t(`member.languages.${m.language}`)}</span> },
          { key: 'created', label: t('member.createdAt'), children: formatTime(m.created_at) },
          ...(m.status_reason ? [{ key: 'reason', label: t('member.statusReason'), children: m.status_reason }] : []),
        ]}
      />
      <RevealModal
        open={revealing}
        memberId={m.id}
        available={present}
        onClose={() => setRevealing(false)}
        onRevealed={(values) => {
          setNow(Date.now());
          setShown({ values, until: Date.now() + values.expires_in_s * 1000 });
        }}
      />
    </Card>
  );
}
