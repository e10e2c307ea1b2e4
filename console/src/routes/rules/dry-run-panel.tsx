import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, ExperimentOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { searchMembers, simulateRules } from '../../api/endpoints.ts';
import type { EarnPreview, Member, Problem, PurchaseCreate, RuleInput, Store } from '../../api/types.ts';
import { BreakdownTable } from '../../lib/breakdown-table.tsx';
import { formatFen, formatPoints, yuanToFen } from '../../lib/money.ts';
import { useRuleNames } from '../../lib/rule-names.ts';
import { useSession } from '../../session/session.tsx';
import { placeProblem } from './rule-form.ts';
import { maskPhone } from '../../lib/mask.ts';

interface Line {
  sku: string;
  category?: string;
  quantity: number;
  amount: string;
}
interface Values {
  member_id: string;
  store_id: string;
  basket: 'amount' | 'lines';
  amount?: string;
  lines?: Line[];
  time?: Dayjs | null;
}

interface Props {
  stores: Store[];
  /** Reads the editor's draft (null when it is invalid); null: nothing to try (an archived rule). */
  draft: (() => Promise<RuleInput | null>) | null;
  /** The rule the draft edits: the draft stands in for its version in force. */
  draftOf: string | null;
  draftName: string;
  /** A problem that names the draft's fields (`draft.…`): the editor shows it. */
  onDraftProblem(p: Problem): void;
}

const yuanValidator = (message: string) => ({
  validator: (_: unknown, v: string | undefined) => {
    const fen = v ? yuanToFen(v) : null;
    return fen !== null ? Promise.resolve() : Promise.reject(new Error(message));
  },
});

/** API fields of the simulate body (`purchase.lines[0].amount_fen`) → this panel's fields. */
function panelField(apiField: string): (string | number)[] | null {
  const path = apiField.replace(/^body[./]/, '');
  if (!path.startsWith('purchase')) return null;
  const line = /^purchase\.lines\[(\d+)\]\.(\w+)/.exec(path);
  if (line) return ['lines', Number(line[1]), { amount_fen: 'amount', quantity: 'quantity', sku: 'sku', category: 'category' }[line[2]!] ?? 'sku'];
  if (path.startsWith('purchase.lines')) return ['amount'];
  const map: Record<string, string> = { member_id: 'member_id', store_id: 'store_id', amount_fen: 'amount', occurred_at: 'time' };
  const key = path.split('.')[1] ?? '';
  return map[key] ? [map[key]] : null;
}

export function DryRunPanel({ stores, draft, draftOf, draftName, onDraftProblem }: Props) {
  const { t } = useTranslation();
  const program = useSession().program!;
  const [form] = Form.useForm<Values>();
  const basket = Form.useWatch('basket', form);
  const [members, setMembers] = useState<Member[]>([]);
  const [searching, setSearching] = useState(false);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<EarnPreview | null>(null);
  const [sentLines, setSentLines] = useState<PurchaseCreate['lines']>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const ruleNames = useRuleNames(program.id);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    if (!form.getFieldValue('store_id') && stores[0]) form.setFieldValue('store_id', stores[0].id);
  }, [form, stores]);

  function search(q: string) {
    clearTimeout(timer.current);
    const term = q.trim();
    if (!term) return;
    timer.current = setTimeout(() => {
      setSearching(true);
      searchMembers(program.id, term).then((r) => setMembers(r.items), () => setMembers([])).finally(() => setSearching(false));
    }, 300);
  }

  async function run() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body = draft ? await draft() : undefined;
    if (body === null) return;
    const lines = v.basket === 'lines' && v.lines?.length
      ? v.lines.map((l) => ({ sku: l.sku.trim(), category: l.category?.trim() || null, quantity: l.quantity, amount_fen: yuanToFen(l.amount) ?? 0 }))
      : undefined;
    const purchase: PurchaseCreate = {
      member_id: v.member_id, store_id: v.store_id,
      amount_fen: lines ? lines.reduce((s, l) => s + l.amount_fen, 0) : (yuanToFen(v.amount ?? '') ?? 0),
      ...(lines ? { lines } : {}), ...(v.time ? { occurred_at: v.time.toISOString() } : {}),
    };
    setRunning(true);
    setProblem(null);
    try {
      setResult(await simulateRules(program.id, { purchase, ...(body ? { draft: body } : {}), ...(body && draftOf ? { draft_of: draftOf } : {}) }));
      setSentLines(lines);
    } catch (err) {
      setResult(null);
      if (!(err instanceof ApiError)) {
        setProblem(String(err));
        return;
      }
      const p = err.problem;
      if ((p.errors ?? []).some((e) => e.field.replace(/^body[./]/, '').startsWith('draft')) || p.field?.startsWith('draft')) {
        onDraftProblem(p);
        return;
      }
      setProblem(placeProblem(form, p, panelField));
    } finally {
      setRunning(false);
    }
  }

  return (
    <Card
      size="small"
      title={<Space><ExperimentOutlined />{t('rules.dryRun.title')}</Space>}
      style={{ position: 'sticky', top: 0 }}
      data-testid="dry-run-panel"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('rules.dryRun.help')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" size="small" initialValues={{ basket: 'amount', store_id: stores[0]?.id, lines: [{ sku: '', quantity: 1, amount: '' }] }}>
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item name="member_id" label={t('rules.dryRun.member')} rules={[{ required: true, message: t('rules.dryRun.memberRequired') }]}>
              <Select
                data-testid="dry-run-member"
                placeholder={t('rules.dryRun.memberPlaceholder')}
                showSearch={{ filterOption: false, onSearch: search }}
                loading={searching}
                notFoundContent={null}
                options={members.map((m) => ({ value: m.id, label: `${m.member_no} · ${m.name ?? ''} ${m.phone ? maskPhone(m.phone) : ''}`.trim() }))}
              />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="store_id" label={t('rules.dryRun.store')} rules={[{ required: true, message: t('rules.dryRun.storeRequired') }]}>
              <Select data-testid="dry-run-store" options={stores.map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="basket" label={t('rules.dryRun.basket')}>
              <Radio.Group optionType="button" options={[{ value: 'amount', label: t('rules.dryRun.byAmount') }, { value: 'lines', label: t('rules.dryRun.byLines') }]} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="time" label={t('rules.dryRun.time')} tooltip={t('rules.dryRun.timeHelp')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} placeholder={t('rules.dryRun.timeHelp')} />
            </Form.Item>
          </Col>
        </Row>
        {basket !== 'lines' ? (
          <Form.Item name="amount" label={t('rules.dryRun.amount')} rules={[{ required: true, message: t('rules.dryRun.amountRequired') }, yuanValidator(t('rules.editor.amountInvalid'))]}>
            <Input prefix="¥" inputMode="decimal" placeholder="0.00" style={{ maxWidth: 200 }} data-testid="dry-run-amount" />
          </Form.Item>
        ) : (
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" size={4} style={{ display: 'flex' }}>
                    <Form.Item name={[f.name, 'sku']} rules={[{ required: true, whitespace: true, message: t('rules.dryRun.sku') }]}>
                      <Input placeholder={t('rules.dryRun.sku')} style={{ width: 110 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'category']}>
                      <Input placeholder={t('rules.dryRun.category')} style={{ width: 110 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'quantity']} rules={[{ required: true, message: t('rules.dryRun.quantity') }]}>
                      <InputNumber min={1} precision={0} placeholder={t('rules.dryRun.quantity')} style={{ width: 70 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'amount']} rules={[yuanValidator(t('rules.editor.amountInvalid'))]}>
                      <Input prefix="¥" inputMode="decimal" placeholder="0.00" style={{ width: 110 }} />
                    </Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} disabled={fields.length === 1} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Form.Item>
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ sku: '', quantity: 1, amount: '' })}>{t('rules.dryRun.addLine')}</Button>
                </Form.Item>
              </>
            )}
          </Form.List>
        )}
        <Button type="primary" icon={<ExperimentOutlined />} loading={running} onClick={() => void run()} data-testid="dry-run-submit">
          {t('rules.dryRun.run')}
        </Button>
      </Form>
      {problem && <Alert type="error" showIcon style={{ marginTop: 12 }} title={problem} data-testid="dry-run-error" />}
      {result && (
        <div style={{ marginTop: 16 }} data-testid="dry-run-result">
          <Descriptions
            size="small"
            column={3}
            items={[
              { key: 'eligible', label: t('rules.dryRun.eligible'), children: `¥${formatFen(result.eligible_fen)}` },
              { key: 'asked', label: t('rules.dryRun.asked'), children: formatPoints(result.points_asked) },
              { key: 'earned', label: t('rules.dryRun.earned'), children: <Typography.Text strong data-testid="dry-run-earned">{formatPoints(result.points_earned)}</Typography.Text> },
            ]}
          />
          <BreakdownTable
            items={result.breakdown}
            ruleNames={ruleNames}
            lines={sentLines}
            draft={draft ? { id: draftOf ?? 'draft', name: draftName } : null}
            testId="dry-run-breakdown"
          />
        </div>
      )}
    </Card>
  );
}
