import { useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { searchMembers } from '../../api/endpoints.ts';
import type { Member } from '../../api/types.ts';
import { maskPhone } from '../../lib/mask.ts';

/** Picks members of the program by name, phone or member number, as the member search does. */
export function MemberSelect({ programId, value, onChange, multiple = false, testId }: {
  programId: string; value?: string | string[]; onChange?: (v: string | string[]) => void; multiple?: boolean; testId: string;
}) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<Member[]>([]);
  const [loading, setLoading] = useState(false);
  const search = async (q: string) => {
    if (q.trim().length < 1) return;
    setLoading(true);
    try {
      setOptions((await searchMembers(programId, q)).items);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Select
      showSearch
      mode={multiple ? 'multiple' : undefined}
      value={value}
      onChange={(v) => onChange?.(v)}
      filterOption={false}
      onSearch={(q) => void search(q)}
      loading={loading}
      placeholder={t('vip.memberSearch')}
      notFoundContent={null}
      data-testid={testId}
      options={options.map((m) => ({ value: m.id, label: `${m.name ?? '—'} · ${m.member_no} · ${maskPhone(m.phone)}` }))}
    />
  );
}
