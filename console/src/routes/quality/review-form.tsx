import { useState } from 'react';
import { Alert, Button, Input, Radio, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AnswerIn, Category, Scorecard } from '../../api/quality.ts';
import { useLang } from '../../session/lang.tsx';

/**
 * A scorecard to fill in: per category its scale as buttons (and N/A where allowed), the
 * critical ones marked with their pass mark, a comment each, and an overall comment.
 * Used to score a case and to re-score one when a dispute is upheld.
 */
export function ReviewForm({ card, initial, onSubmit, submitLabel, testId = 'review-form' }: {
  card: Scorecard; initial?: AnswerIn[]; onSubmit: (answers: AnswerIn[], comment: string) => Promise<void>; submitLabel?: string; testId?: string;
}) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [values, setValues] = useState<Record<string, number | null | undefined>>(() => Object.fromEntries((initial ?? []).map((a) => [a.key, a.value])));
  const [comments, setComments] = useState<Record<string, string>>(() => Object.fromEntries((initial ?? []).map((a) => [a.key, a.comment ?? ''])));
  const [overall, setOverall] = useState('');
  const [busy, setBusy] = useState(false);
  const complete = card.categories.every((c) => values[c.key] !== undefined);
  const name = (c: Category) => (lang === 'en' ? c.name_en : c.name_zh);
  const scale = (c: Category) => Array.from({ length: c.max - c.min + 1 }, (_, i) => c.min + i);

  const submit = async () => {
    setBusy(true);
    try {
      await onSubmit(card.categories.map((c) => ({ key: c.key, value: values[c.key] ?? null, comment: comments[c.key] ?? '' })), overall);
    } finally { setBusy(false); }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={testId}>
      {card.categories.map((c) => (
        <div key={c.key} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }} data-testid={`category-${c.key}`}>
          <Space wrap style={{ marginBottom: 6 }}>
            <Typography.Text strong>{name(c)}</Typography.Text>
            <Typography.Text type="secondary">{t('quality.review.weight', { w: c.weight })}</Typography.Text>
            {c.critical && <Tag color="red">{t('quality.review.critical')} · {t('quality.review.passMark', { mark: c.pass_mark })}</Tag>}
          </Space>
          <div>
            <Radio.Group buttonStyle="solid" value={values[c.key] === null ? 'na' : values[c.key]}
              onChange={(e) => setValues((v) => ({ ...v, [c.key]: e.target.value === 'na' ? null : Number(e.target.value) }))}>
              {scale(c).map((n) => <Radio.Button key={n} value={n}><span data-testid={`score-${c.key}-${n}`}>{n}</span></Radio.Button>)}
              {c.na_allowed && <Radio.Button value="na"><span data-testid={`score-${c.key}-na`}>{t('quality.review.na')}</span></Radio.Button>}
            </Radio.Group>
          </div>
          <Input size="small" style={{ marginTop: 6 }} placeholder={t('quality.review.commentPh')} value={comments[c.key] ?? ''}
            onChange={(e) => setComments((m) => ({ ...m, [c.key]: e.target.value }))} />
        </div>
      ))}
      <Input.TextArea rows={2} placeholder={t('quality.review.overallPh')} value={overall} onChange={(e) => setOverall(e.target.value)} data-testid="review-overall" />
      {!complete && <Alert type="info" showIcon message={t('quality.review.unanswered')} />}
      <Button type="primary" disabled={!complete} loading={busy} onClick={() => void submit()} data-testid="review-submit">{submitLabel ?? t('quality.review.submit')}</Button>
    </Space>
  );
}
