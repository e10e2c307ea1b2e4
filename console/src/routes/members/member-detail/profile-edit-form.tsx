import { DatePicker, Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { updateMember } from '../../../api/endpoints.ts';
import type { Gender, Member, MemberLanguage, MemberUpdate } from '../../../api/types.ts';
import { FormModal } from '../../../lib/form-modal.tsx';
import { MASKS } from '../../../lib/mask.ts';
import { useSession } from '../../../session/session.tsx';
import { LanguageField } from '../language-field.tsx';

interface Values {
  name?: string;
  gender?: Gender;
  birthday?: Dayjs | null;
  email?: string;
  address?: string;
  language: MemberLanguage;
}

interface Props {
  open: boolean;
  member: Member | null;
  onClose(): void;
  onDone(member: Member): void;
}

/**
 * Corrects a member's profile. The e-mail and address are shown masked and start empty: a
 * field left empty keeps its value (the screen never holds it whole), one filled replaces it.
 */
export function ProfileEditForm({ open, member, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const program = useSession().program!;
  if (!member) return null;

  async function submit(v: Values) {
    const body: MemberUpdate = {};
    if ((v.name?.trim() ?? '') !== (member!.name ?? '')) body.name = v.name?.trim() || null;
    if ((v.gender ?? null) !== member!.gender) body.gender = v.gender ?? null;
    const birthday = v.birthday ? v.birthday.format('YYYY-MM-DD') : null;
    if (birthday !== member!.birthday) body.birthday = birthday;
    if (v.email?.trim()) body.email = v.email.trim();
    if (v.address?.trim()) body.address = v.address.trim();
    if (v.language !== member!.language) body.language = v.language;
    onDone(await updateMember(program.id, member!.id, body));
    return t('profileEdit.done');
  }

  const keep = (v: string | null) => (v === null ? undefined : t('profileEdit.keep', { value: v }));
  return (
    <FormModal<Values>
      open={open}
      onClose={onClose}
      title={t('profileEdit.title')}
      testId="profile-edit-form"
      onSubmit={submit}
      initialValues={{ name: member.name ?? undefined, gender: member.gender ?? undefined, birthday: member.birthday ? dayjs(member.birthday) : null, language: member.language }}
    >
      <Form.Item name="name" label={t('member.name')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="gender" label={t('member.gender')}>
        <Radio.Group options={(['male', 'female', 'unknown'] as const).map((g) => ({ value: g, label: t(`member.genders.${g}`) }))} />
      </Form.Item>
      <Form.Item name="birthday" label={t('member.birthday')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="email" label={t('member.email')} extra={keep(member.email && MASKS.email(member.email))} rules={[{ type: 'email', message: t('enrol.emailInvalid') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="address" label={t('member.address')} extra={keep(member.address && MASKS.address(member.address))}>
        <Input maxLength={200} data-testid="edit-address" />
      </Form.Item>
      <LanguageField />
    </FormModal>
  );
}
