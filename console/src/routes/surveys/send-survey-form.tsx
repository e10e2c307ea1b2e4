import { useEffect, useState } from 'react';
import { Form, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { listSegments } from '../../api/endpoints.ts';
import { inviteSurvey } from '../../api/surveys.ts';
import type { Segment } from '../../api/types.ts';
import { FormModal } from '../../lib/form-modal.tsx';

/** Sends an NPS or custom survey to a segment's members: a link each, only to those who consent to marketing, nobody twice. */
export function SendSurveyForm({ programId, surveyId, open, onClose, onSent }: { programId: string; surveyId: string; open: boolean; onClose(): void; onSent(): void }) {
  const { t } = useTranslation();
  const [segments, setSegments] = useState<Segment[]>([]);
  useEffect(() => {
    if (open) void listSegments(programId).then((r) => setSegments(r.items.filter((s) => s.status === 'active')));
  }, [open, programId]);
  return (
    <FormModal<{ segment_id: string }> open={open} title={t('surveys.send.title')} testId="send-survey-form" okText={t('surveys.send.ok')} onClose={onClose}
      onSubmit={async (v, key) => {
        const r = await inviteSurvey(programId, surveyId, { segment_id: v.segment_id }, key);
        const n = (s: string) => r.items.filter((x) => x.status === s).length;
        onSent();
        return t('surveys.send.done', { sent: n('sent'), skipped: n('skipped'), already: n('already') });
      }}>
      <Typography.Paragraph type="secondary">{t('surveys.send.help')}</Typography.Paragraph>
      <Form.Item name="segment_id" label={t('surveys.send.segment')} rules={[{ required: true, message: t('surveys.send.segmentRequired') }]}>
        <Select data-testid="send-segment" showSearch optionFilterProp="label" options={segments.map((s) => ({ value: s.id, label: `${s.name} (${s.size})` }))} />
      </Form.Item>
    </FormModal>
  );
}
