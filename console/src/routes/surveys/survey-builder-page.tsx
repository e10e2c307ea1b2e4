import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Segmented, Space, Switch, Typography } from 'antd';
import { ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../api/client.ts';
import { createSurvey, type SurveyKind, type SurveyQuestion } from '../../api/surveys.ts';
import { useIdempotencyKey } from '../../lib/idempotency.ts';
import { useSession } from '../../session/session.tsx';

type QType = 'rating' | 'single' | 'multiple' | 'text';
interface Draft { id: string; type: QType; label: string; required: boolean; min: number; max: number; options: string }

let seq = 0;
const blank = (type: QType): Draft => ({ id: `q${++seq}_${Date.now().toString(36).slice(-4)}`, type, label: '', required: type === 'rating', min: 1, max: 5, options: '' });
const toQuestion = (d: Draft): SurveyQuestion => ({
  id: d.id, type: d.type, label: d.label.trim(), required: d.required,
  ...(d.type === 'rating' ? { min: d.min, max: d.max } : {}),
  ...(d.type === 'single' || d.type === 'multiple' ? { options: d.options.split('\n').map((o) => o.trim()).filter(Boolean) } : {}),
});

/** The survey builder: kind and settings, questions of the four kinds (custom), and a live preview of what the member sees. */
export function SurveyBuilderPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const program = useSession().program!;
  const navigate = useNavigate();
  const key = useIdempotencyKey(true);
  const [kind, setKind] = useState<SurveyKind>('custom');
  const [title, setTitle] = useState('');
  const [intro, setIntro] = useState('');
  const [linkDays, setLinkDays] = useState(14);
  const [nps, setNps] = useState({ sample_size: 200, every_days: 30, recontact_days: 90 });
  const [questions, setQuestions] = useState<Draft[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const patch = (i: number, p: Partial<Draft>) => setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...p } : q)));
  const save = async () => {
    if (!title.trim()) return setError(t('surveys.builder.nameRequired'));
    if (kind === 'custom' && !questions.length) return setError(t('surveys.builder.needQuestion'));
    if (kind === 'custom' && questions.some((q) => !q.label.trim())) return setError(t('surveys.builder.labelRequired'));
    setSaving(true);
    try {
      const s = await createSurvey(program.id, {
        kind, title: title.trim(), intro: intro.trim(), link_days: linkDays,
        ...(kind === 'nps' ? nps : {}), ...(kind === 'custom' ? { questions: questions.map(toQuestion) } : {}),
      }, key);
      void message.success(t('surveys.builder.saved'));
      void navigate(`/surveys/${s.id}`);
    } catch (err) {
      setError(errorText(err)); // a validation problem's detail names the field
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="survey-builder">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('surveys.builder.title')}</Typography.Title>
      {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} data-testid="builder-error" />}
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={t('surveys.results.settings')}>
            <Form layout="vertical">
              <Form.Item label={t('surveys.builder.kind')}>
                <Segmented<SurveyKind> value={kind} onChange={setKind} data-testid="builder-kind"
                  options={(['custom', 'nps', 'csat'] as const).map((k) => ({ value: k, label: t(`surveys.kinds.${k}`) }))} />
              </Form.Item>
              <Form.Item label={t('surveys.builder.name')} required>
                <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={100} data-testid="builder-title" />
              </Form.Item>
              <Form.Item label={t('surveys.builder.intro')}>
                <Input.TextArea value={intro} onChange={(e) => setIntro(e.target.value)} maxLength={500} rows={2} data-testid="builder-intro" />
              </Form.Item>
              <Space wrap>
                <Form.Item label={t('surveys.builder.linkDays')}><InputNumber min={1} max={90} value={linkDays} onChange={(v) => setLinkDays(v ?? 14)} /></Form.Item>
                {kind === 'nps' && (['sample_size', 'every_days', 'recontact_days'] as const).map((f) => (
                  <Form.Item key={f} label={t(`surveys.builder.${f === 'sample_size' ? 'sample' : f === 'every_days' ? 'every' : 'recontact'}`)}>
                    <InputNumber min={f === 'recontact_days' ? 0 : 1} value={nps[f]} onChange={(v) => setNps({ ...nps, [f]: v ?? 0 })} data-testid={`builder-${f}`} />
                  </Form.Item>
                ))}
              </Space>
            </Form>
          </Card>
          <Card title={t('surveys.builder.questions')} style={{ marginTop: 16 }}
            extra={kind === 'custom' && (
              <Space wrap>
                {(['rating', 'single', 'multiple', 'text'] as const).map((type) => (
                  <Button key={type} size="small" onClick={() => setQuestions((qs) => [...qs, blank(type)])} data-testid={`add-${type}`}>
                    + {t(`surveys.builder.add${type[0]!.toUpperCase()}${type.slice(1)}`)}
                  </Button>
                ))}
              </Space>
            )}>
            {kind !== 'custom' ? <Typography.Text type="secondary">{t('surveys.builder.defaultNote')}</Typography.Text> : questions.length === 0
              ? <Typography.Text type="secondary">{t('surveys.builder.needQuestion')}</Typography.Text>
              : (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {questions.map((q, i) => (
                    <Card key={q.id} size="small" type="inner" data-testid={`question-${i}`}
                      title={`${i + 1}. ${t(`surveys.builder.types.${q.type}`)}`}
                      extra={(
                        <Space>
                          <Switch size="small" checked={q.required} onChange={(v) => patch(i, { required: v })} /> {t('surveys.builder.required')}
                          <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} aria-label={t('surveys.builder.up')}
                            onClick={() => setQuestions((qs) => { const c = [...qs]; [c[i - 1], c[i]] = [c[i]!, c[i - 1]!]; return c; })} />
                          <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('surveys.builder.remove')} onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))} />
                        </Space>
                      )}>
                      <Input placeholder={t('surveys.builder.label')} value={q.label} onChange={(e) => patch(i, { label: e.target.value })} maxLength={300} data-testid={`question-${i}-label`} />
                      {q.type === 'rating' && (
                        <Space style={{ marginTop: 8 }}>
                          {t('surveys.builder.min')}<InputNumber min={0} max={9} value={q.min} onChange={(v) => patch(i, { min: v ?? 0 })} />
                          {t('surveys.builder.max')}<InputNumber min={1} max={10} value={q.max} onChange={(v) => patch(i, { max: v ?? 5 })} />
                        </Space>
                      )}
                      {(q.type === 'single' || q.type === 'multiple') && (
                        <Input.TextArea style={{ marginTop: 8 }} rows={3} placeholder={t('surveys.builder.options')} value={q.options}
                          onChange={(e) => patch(i, { options: e.target.value })} data-testid={`question-${i}-options`} />
                      )}
                    </Card>
                  ))}
                </Space>
              )}
          </Card>
          <Button type="primary" style={{ marginTop: 16 }} loading={saving} onClick={() => void save()} data-testid="builder-save">{t('surveys.builder.save')}</Button>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('surveys.builder.preview')} data-testid="builder-preview">
            <Preview title={title} intro={intro} kind={kind} questions={kind === 'custom' ? questions : []} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

/** The member's page, drawn with the console's components: what the questions will look like on a phone. */
function Preview({ title, intro, kind, questions }: { title: string; intro: string; kind: SurveyKind; questions: Draft[] }) {
  const { t } = useTranslation();
  const shown: Draft[] = kind === 'custom' ? questions : [
    { id: 'score', type: 'rating', label: kind === 'nps' ? '您有多大可能向朋友或同事推荐我们？' : '您对本次服务满意吗？', required: true, min: kind === 'nps' ? 0 : 1, max: kind === 'nps' ? 10 : 5, options: '' },
    { id: 'comment', type: 'text', label: kind === 'nps' ? '您给出这个分数的主要原因是什么？' : '还有什么想告诉我们的吗？', required: false, min: 0, max: 0, options: '' },
  ];
  return (
    <div style={{ maxWidth: 380, margin: '0 auto', background: '#f5f5f5', padding: 12, borderRadius: 12 }}>
      <div style={{ background: '#fff', borderRadius: 12, padding: 16 }}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>{title || '—'}</Typography.Title>
        {intro && <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>}
        {shown.map((q) => (
          <div key={q.id} style={{ marginBottom: 16 }}>
            <Typography.Text strong>{q.label || '…'}</Typography.Text>{q.required && <Typography.Text type="danger"> *</Typography.Text>}
            <div style={{ marginTop: 6 }}>
              {q.type === 'rating' && q.max > q.min && (
                <Radio.Group optionType="button" size="small" options={Array.from({ length: q.max - q.min + 1 }, (_, k) => ({ value: q.min + k, label: String(q.min + k) }))} />
              )}
              {q.type === 'single' && <Radio.Group options={q.options.split('\n').filter(Boolean)} style={{ display: 'flex', flexDirection: 'column' }} />}
              {q.type === 'multiple' && <Checkbox.Group options={q.options.split('\n').filter(Boolean)} style={{ display: 'flex', flexDirection: 'column' }} />}
              {q.type === 'text' && <Input.TextArea rows={2} />}
            </div>
          </div>
        ))}
        <Button type="primary" block>{t('surveys.builder.submit')}</Button>
      </div>
    </div>
  );
}
