import { Alert, Form, Input, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  adoptSuggestion, declineSuggestion, listSuggestions, mergeSuggestion, type Suggestion, type SuggestionDetail,
} from '../../api/suggestions.ts';
import { FormModal } from '../../lib/form-modal.tsx';
import { useSession } from '../../session/session.tsx';

export type Decision = 'adopt' | 'decline' | 'merge';
interface Props { decision: Decision | null; suggestion: SuggestionDetail | null; adoptionPoints: number; onClose(): void; onDone(s: Suggestion): void }

/** Adopt (saying what the author is paid and who is told), decline with a reason, or merge into another open one. */
export function DecisionForms({ decision, suggestion: s, adoptionPoints, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const program = useSession().program!;
  const [targets, setTargets] = useState<Suggestion[]>([]);
  useEffect(() => {
    if (decision !== 'merge' || !s) return;
    // open ones only: a duplicate joins a suggestion still being decided
    void Promise.all([listSuggestions(program.id, { status: 'new' }, 200), listSuggestions(program.id, { status: 'under_review' }, 200)])
      .then(([a, b]) => setTargets([...b.items, ...a.items].filter((x) => x.id !== s.id)), () => setTargets([]));
  }, [decision, s, program.id]);
  if (!s) return null;
  const supporters = s.supporters.length;
  return (
    <>
      <FormModal<{ note?: string }>
        open={decision === 'adopt'} title={t('suggestions.adoptTitle')} testId="suggestion-adopt-form" okText={t('suggestions.adopt')} onClose={onClose}
        onSubmit={async (v, key) => {
          onDone(await adoptSuggestion(program.id, s.id, v.note?.trim() ? { note: v.note.trim() } : {}, key));
          return t('suggestions.adopted');
        }}
      >
        <Alert
          type="info" showIcon style={{ marginBottom: 16 }} data-testid="suggestion-adopt-pays"
          title={!s.member ? t('suggestions.adoptStaff') : adoptionPoints > 0 ? t('suggestions.adoptPays', { points: adoptionPoints, n: supporters }) : t('suggestions.adoptNoPoints', { n: supporters })}
        />
        <Form.Item name="note" label={t('suggestions.adoptNote')}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="suggestion-adopt-note" />
        </Form.Item>
      </FormModal>
      <FormModal<{ reason: string }>
        open={decision === 'decline'} title={t('suggestions.declineTitle')} testId="suggestion-decline-form" okText={t('suggestions.decline')} danger onClose={onClose}
        onSubmit={async (v, key) => {
          onDone(await declineSuggestion(program.id, s.id, v.reason.trim(), key));
          return t('suggestions.declined');
        }}
      >
        <Form.Item name="reason" label={t('suggestions.reason')} rules={[{ required: true, whitespace: true, message: t('suggestions.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="suggestion-decline-reason" />
        </Form.Item>
      </FormModal>
      <FormModal<{ target_id: string }>
        open={decision === 'merge'} title={t('suggestions.mergeTitle')} testId="suggestion-merge-form" okText={t('suggestions.merge')} onClose={onClose}
        fieldMap={{ target_id: 'target_id' }}
        onSubmit={async (v, key) => {
          onDone(await mergeSuggestion(program.id, s.id, v.target_id, key));
          return t('suggestions.merged');
        }}
      >
        <Typography.Paragraph type="secondary">{t('suggestions.mergeHelp')}</Typography.Paragraph>
        <Form.Item name="target_id" label={t('suggestions.target')} rules={[{ required: true, message: t('suggestions.targetRequired') }]}>
          <Select
            showSearch optionFilterProp="label" data-testid="suggestion-merge-target"
            options={targets.map((x) => ({ value: x.id, label: `${x.title}（${t('suggestions.support')} ${x.support_count}）` }))}
          />
        </Form.Item>
      </FormModal>
    </>
  );
}
