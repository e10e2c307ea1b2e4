import { Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fileRightsRequest, type Corrections, type RightsKind, type RightsRequest } from '../../api/rights.ts';
import { FormModal } from '../../lib/form-modal.tsx';
import { useSession } from '../../session/session.tsx';
import { MemberSelect } from '../vip/member-select.tsx';

const KINDS: RightsKind[] = ['copy', 'correction', 'deletion'];
const CHANNELS = ['counter', 'phone', 'email', 'letter', 'portal', 'other'] as const;
const FIELDS = ['name', 'phone', 'email', 'birthday', 'id_number'] as const;

interface Values {
  member_id: string; kind: RightsKind; channel: (typeof CHANNELS)[number]; note?: string;
  name?: string; phone?: string; email?: string; birthday?: string; id_number?: string; gender?: 'male' | 'female' | 'unknown';
}

/** Files a request for a member found by name, phone or number; a correction names the new values. */
export function FileRequestForm({ open, onClose, onDone }: { open: boolean; onClose(): void; onDone(r: RightsRequest): void }) {
  const { t } = useTranslation();
  const program = useSession().program!;
  return (
    <FormModal<Values>
      open={open}
      title={t('rights.create')}
      testId="rights-file-form"
      onClose={onClose}
      initialValues={{ kind: 'copy', channel: 'counter' }}
      fieldMap={{ 'corrections.name': 'name', 'corrections.phone': 'phone', 'corrections.email': 'email', 'corrections.birthday': 'birthday', 'corrections.id_number': 'id_number', corrections: 'name' }}
      onSubmit={async (v, key) => {
        const corrections: Corrections = {};
        for (const f of FIELDS) if (v[f]?.trim()) corrections[f] = v[f]!.trim();
        if (v.gender) corrections.gender = v.gender;
        const r = await fileRightsRequest(program.id, {
          member_id: v.member_id, kind: v.kind, channel: v.channel, ...(v.note?.trim() ? { note: v.note.trim() } : {}),
          ...(v.kind === 'correction' ? { corrections } : {}),
        }, key);
        onDone(r);
        return t('rights.filed', { due: r.due_on });
      }}
    >
      <Form.Item name="member_id" label={t('rights.memberPick')} rules={[{ required: true, message: t('rights.memberRequired') }]}>
        <MemberSelect programId={program.id} testId="rights-member" />
      </Form.Item>
      <Form.Item name="kind" label={t('rights.kind')} rules={[{ required: true, message: t('rights.kindRequired') }]}>
        <Select data-testid="rights-kind" options={KINDS.map((k) => ({ value: k, label: t(`rights.kinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name="channel" label={t('rights.channel')} rules={[{ required: true, message: t('rights.channelRequired') }]}>
        <Select data-testid="rights-channel" options={CHANNELS.map((c) => ({ value: c, label: t(`rights.channels.${c}`) }))} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.kind !== b.kind}>
        {({ getFieldValue }) => getFieldValue('kind') === 'correction' && (
          <>
            <Typography.Paragraph type="secondary">{t('rights.correctionHint')}</Typography.Paragraph>
            {FIELDS.map((f) => (
              <Form.Item key={f} name={f} label={t(`rights.fields.${f}`)}>
                {f === 'birthday' ? <Input placeholder="YYYY-MM-DD" data-testid={`rights-fix-${f}`} /> : <Input data-testid={`rights-fix-${f}`} />}
              </Form.Item>
            ))}
            <Form.Item name="gender" label={t('rights.fields.gender')}>
              <Select allowClear options={(['male', 'female', 'unknown'] as const).map((g) => ({ value: g, label: t(`member.genders.${g}`) }))} />
            </Form.Item>
          </>
        )}
      </Form.Item>
      <Form.Item name="note" label={t('rights.note')}>
        <Input.TextArea rows={2} maxLength={1000} data-testid="rights-note" />
      </Form.Item>
    </FormModal>
  );
}
