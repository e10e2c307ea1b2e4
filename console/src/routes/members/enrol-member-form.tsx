import { DatePicker, Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { enrolMember, type NewMember } from '../../api/endpoints.ts';
import type { Gender, Member, MemberLanguage } from '../../api/types.ts';
import { FormModal } from '../../lib/form-modal.tsx';
import { useSession } from '../../session/session.tsx';
import { LanguageField } from './language-field.tsx';

interface Values {
  phone: string;
  name?: string;
  gender?: Gender;
  birthday?: Dayjs | null;
  email?: string;
  address?: string;
  referral_code?: string;
  language?: MemberLanguage;
}

interface Props {
  open: boolean;
  onClose(): void;
  onEnrolled(member: Member): void;
}

export function EnrolMemberForm({ open, onClose, onEnrolled }: Props) {
  const { t } = useTranslation();
  const program = useSession().program!;

  async function submit(v: Values, key: string) {
    const body: NewMember = { phone: v.phone.replace(/[\s-]/g, '') };
    if (v.name?.trim()) body.name = v.name.trim();
    if (v.email?.trim()) body.email = v.email.trim();
    if (v.address?.trim()) body.address = v.address.trim();
    if (v.gender) body.gender = v.gender;
    if (v.birthday) body.birthday = v.birthday.format('YYYY-MM-DD');
    if (v.referral_code?.trim()) body.referral_code = v.referral_code.trim();
    if (v.language) body.language = v.language;
    const member = await enrolMember(program.id, body, key);
    onEnrolled(member);
    return t('enrol.done', { memberNo: member.member_no });
  }

  return (
    <FormModal<Values> open={open} onClose={onClose} title={t('enrol.title')} testId="enrol-form" onSubmit={submit}>
      <Form.Item
        name="phone"
        label={t('member.phone')}
        rules={[
          { required: true, message: t('enrol.phoneRequired') },
          // Mainland mobile numbers; the API also accepts +86 and spaces and normalises them.
          { pattern: /^(\+?86)?\s*1\d{2}[\s-]?\d{4}[\s-]?\d{4}$/, message: t('enrol.phoneInvalid') },
        ]}
      >
        <Input inputMode="tel" maxLength={20} data-testid="enrol-phone" />
      </Form.Item>
      <Form.Item name="name" label={t('member.name')}>
        <Input maxLength={50} data-testid="enrol-name" />
      </Form.Item>
      <Form.Item name="gender" label={t('member.gender')}>
        <Radio.Group
          options={(['male', 'female', 'unknown'] as const).map((g) => ({ value: g, label: t(`member.genders.${g}`) }))}
        />
      </Form.Item>
      <Form.Item name="birthday" label={t('member.birthday')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="email" label={t('member.email')} rules={[{ type: 'email', message: t('enrol.emailInvalid') }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="address" label={t('member.address')}>
        <Input maxLength={200} data-testid="enrol-address" />
      </Form.Item>
      <LanguageField />
      <Form.Item name="referral_code" label={t('referrals.enrolCode')} extra={t('referrals.enrolCodeHelp')}>
        <Input maxLength={20} placeholder="K7M-Q2X-9RT" style={{ textTransform: 'uppercase' }} data-testid="enrol-referral-code" />
      </Form.Item>
    </FormModal>
  );
}
