import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Drawer, Form, Input, InputNumber, Space, Switch, Tooltip, Typography, type FormRule } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { changeScorecard, createScorecard, type Scorecard } from '../../api/quality.ts';
import {
  categoryIssue, categoryReading, formPath, LIMITS, newCategory, NEW_SCORECARD, toFormValues, toInput, type CategoryField, type CategoryValues, type ScorecardValues,
} from './scorecard-form.ts';

/**
 * Create a scorecard or change one: its names, and its categories (names, weight, scale,
 * critical with its pass mark, N/A) added, removed and reordered, each with a line saying how it
 * counts in the score. A scorecard reviews already use is not edited under them: saving makes
 * its next version, and the drawer says so before the operator saves.
 */
export function ScorecardEditor({ pid, card, open, onClose, onSaved }: {
  pid: string; card: Scorecard | null; open: boolean; onClose: () => void; onSaved: (saved: Scorecard) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ScorecardValues>();
  const [problem, setProblem] = useState<{ title: string; detail: string | null } | null>(null);
  const [saving, setSaving] = useState(false);
  const inFlight = useRef(false);
  const categories = (Form.useWatch('categories', form) ?? []) as CategoryValues[];

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    form.resetFields();
    form.setFieldsValue(card ? toFormValues(card) : NEW_SCORECARD());
  }, [open, card, form]);

  const all = () => (form.getFieldValue('categories') ?? []) as CategoryValues[];
  // One rule per category field: the same checks as the server (scorecard-form.ts categoryIssue).
  const check = (index: number, field: CategoryField): FormRule => ({
    validator: async () => {
      const cs = all();
      const issue = cs[index] ? categoryIssue(cs[index], field, cs) : null;
      if (issue) throw new Error(t(`quality.editor.check.${issue}`, { max: LIMITS.name }));
    },
  });
  const nameRules = [{ required: true, whitespace: true, message: t('quality.editor.check.required') }, { max: LIMITS.name, message: t('quality.editor.check.tooLong', { max: LIMITS.name }) }];

  /** The server's problem beside the fields it names; what no field can take goes above the form. */
  function showProblem(err: ApiError) {
    const p = err.problem;
    const issues = [...(p.errors ?? []), ...(p.field ? [{ field: p.field, message: p.detail ?? p.title }] : [])];
    const placed: { name: (string | number)[]; errors: string[] }[] = [];
    const rest: string[] = [];
    for (const e of issues) {
      const name = formPath(e.field);
      if (name && !placed.some((x) => x.name.join('.') === name.join('.'))) placed.push({ name, errors: [e.message] });
      else if (!name) rest.push(e.message);
    }
    form.setFields(placed as Parameters<typeof form.setFields>[0]);
    const detail = rest.length ? [...new Set(rest)].join('；') : placed.length ? null : (p.detail ?? null);
    setProblem({ title: p.title, detail: detail === p.title ? null : detail });
  }

  async function save() {
    if (inFlight.current) return;
    const ok = await form.validateFields({ recursive: true }).then(() => true).catch(() => false);
    if (!ok || inFlight.current) return;
    inFlight.current = true;
    setSaving(true);
    setProblem(null);
    try {
      const body = toInput(form.getFieldsValue(true) as ScorecardValues);
      const saved = card ? await changeScorecard(pid, card.id, body) : await createScorecard(pid, body);
      void message.success(!card ? t('quality.editor.created', { name: saved.name_zh })
        : saved.id !== card.id ? t('quality.editor.newVersion', { version: saved.version }) : t('quality.editor.saved'));
      onSaved(saved);
      onClose();
    } catch (err) {
      if (err instanceof ApiError) showProblem(err);
      else setProblem({ title: t('errors.generic'), detail: String(err) });
    } finally {
      inFlight.current = false;
      setSaving(false);
    }
  }

  const total = categories.reduce((a, c) => a + (Number.isInteger(c?.weight) ? c.weight! : 0), 0);
  return (
    <Drawer open={open} onClose={onClose} size={980} destroyOnHidden data-testid="scorecard-editor" maskClosable={false}
      title={card ? t('quality.editor.editTitle', { name: card.name_zh, version: card.version }) : t('quality.editor.createTitle')}
      extra={(
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="scorecard-save">
            {card?.used ? t('quality.editor.saveAsVersion', { version: card.version + 1 }) : t('quality.editor.save')}
          </Button>
        </Space>
      )}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {card?.used && (
          <Alert type="warning" showIcon data-testid="scorecard-versioned" title={t('quality.editor.usedTitle', { version: card.version })}
            description={t('quality.editor.usedDetail', { version: card.version, next: card.version + 1 })} />
        )}
        {problem && <Alert type="error" showIcon title={problem.title} description={problem.detail} data-testid="scorecard-error" />}
        <Form form={form} layout="vertical" onValuesChange={() => setProblem(null)} data-testid="scorecard-form">
          <Space wrap>
            <Form.Item name="name_zh" label={t('quality.editor.nameZh')} rules={nameRules}><Input style={{ width: 280 }} data-testid="scorecard-name-zh" /></Form.Item>
            <Form.Item name="name_en" label={t('quality.editor.nameEn')} rules={nameRules}><Input style={{ width: 280 }} data-testid="scorecard-name-en" /></Form.Item>
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('quality.editor.formula', { total })}</Typography.Paragraph>
          <Form.List name="categories" rules={[{ validator: async (_, cs: unknown[]) => { if (!cs?.length) throw new Error(t('quality.editor.check.noCategory')); } }]}>
            {(fields, { add, remove, move }, { errors }) => (
              <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                {fields.map((f, i) => {
                  const c = categories[i];
                  return (
                    <Card key={f.key} size="small" data-testid={`editor-category-${i}`}
                      title={(
                        <Space size={8}>
                          <Typography.Text type="secondary">{i + 1}.</Typography.Text>
                          {c?.name_zh?.trim() || t('quality.editor.untitled')}
                          {c && <Typography.Text type="secondary" style={{ fontWeight: 'normal' }} data-testid={`cat-reading-${i}`}>{categoryReading(c, categories, t)}</Typography.Text>}
                        </Space>
                      )}
                      extra={(
                        <Space size={4}>
                          <Tooltip title={t('quality.editor.up')}><Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t('quality.editor.up')} data-testid={`category-up-${i}`} /></Tooltip>
                          <Tooltip title={t('quality.editor.down')}><Button size="small" icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} aria-label={t('quality.editor.down')} data-testid={`category-down-${i}`} /></Tooltip>
                          <Tooltip title={t('quality.editor.remove')}><Button size="small" danger icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(i)} aria-label={t('quality.editor.remove')} data-testid={`category-remove-${i}`} /></Tooltip>
                        </Space>
                      )}>
                      <Space wrap align="start" size={[12, 0]}>
                        <Form.Item name={[f.name, 'name_zh']} label={t('quality.editor.catNameZh')} rules={[check(i, 'name_zh')]}><Input style={{ width: 160 }} data-testid={`cat-name-zh-${i}`} /></Form.Item>
                        <Form.Item name={[f.name, 'name_en']} label={t('quality.editor.catNameEn')} rules={[check(i, 'name_en')]}><Input style={{ width: 170 }} data-testid={`cat-name-en-${i}`} /></Form.Item>
                        <Form.Item name={[f.name, 'key']} label={t('quality.editor.key')} tooltip={t('quality.editor.keyHint')} rules={[check(i, 'key')]}
                          dependencies={fields.filter((g) => g.key !== f.key).map((g) => ['categories', g.name, 'key'])}>
                          <Input style={{ width: 130 }} data-testid={`cat-key-${i}`} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'weight']} label={t('quality.cards.weight')} rules={[check(i, 'weight')]}><InputNumber style={{ width: 80 }} precision={0} data-testid={`cat-weight-${i}`} /></Form.Item>
                        <Form.Item name={[f.name, 'min']} label={t('quality.editor.min')} rules={[check(i, 'min')]}><InputNumber style={{ width: 70 }} precision={0} data-testid={`cat-min-${i}`} /></Form.Item>
                        <Form.Item name={[f.name, 'max']} label={t('quality.editor.max')} rules={[check(i, 'max')]} dependencies={[['categories', f.name, 'min']]}>
                          <InputNumber style={{ width: 70 }} precision={0} data-testid={`cat-max-${i}`} />
                        </Form.Item>
                      </Space>
                      <Space wrap align="start" size={[24, 0]}>
                        <Form.Item name={[f.name, 'critical']} label={t('quality.review.critical')} tooltip={t('quality.editor.criticalHint')} valuePropName="checked">
                          <Switch data-testid={`cat-critical-${i}`} />
                        </Form.Item>
                        {c?.critical && (
                          <Form.Item name={[f.name, 'pass_mark']} label={t('quality.editor.passMark')} tooltip={t('quality.editor.passMarkHint')} rules={[check(i, 'pass_mark')]}
                            dependencies={[['categories', f.name, 'min'], ['categories', f.name, 'max'], ['categories', f.name, 'critical']]}>
                            <InputNumber style={{ width: 90 }} precision={0} data-testid={`cat-pass-${i}`} />
                          </Form.Item>
                        )}
                        <Form.Item name={[f.name, 'na_allowed']} label={t('quality.cards.naAllowed')} tooltip={t('quality.editor.naHint')} valuePropName="checked">
                          <Switch data-testid={`cat-na-${i}`} />
                        </Form.Item>
                      </Space>
                    </Card>
                  );
                })}
                <Form.ErrorList errors={errors} />
                <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= LIMITS.categories} data-testid="category-add"
                  onClick={() => add(newCategory(all().map((x) => x.key)))}>{t('quality.editor.add')}</Button>
              </Space>
            )}
          </Form.List>
        </Form>
      </Space>
    </Drawer>
  );
}
