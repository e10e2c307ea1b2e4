import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MemberLanguage } from '../../api/types.ts';

const LANGUAGES: MemberLanguage[] = ['zh', 'en'];

/** The member's language (messages, survey pages): the enrol and profile forms' select; empty on enrolment means zh. */
export function LanguageField() {
  const { t } = useTranslation();
  return (
    <Form.Item name="language" label={t('member.language')} extra={t('member.languageHelp')}>
      <Select
        data-testid="member-language-select"
        placeholder={t('member.languages.zh')}
        options={LANGUAGES.map((l) => ({ value: l, label: t(`member.languages.${l}`) }))}
      />
    </Form.Item>
  );
}
