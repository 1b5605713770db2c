/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The console page's code. It runs in the browser, not in Node: the server sends the source of
 * {@link consoleApp} as `console.js` (see `console-script.ts`), so the function must be
 * self-contained — no imports, no references outside its body.
 *
 * Every piece of user data reaches the page through `textContent` / `value` (the `el` helper),
 * never as HTML. Every action is one Secrets Manager operation sent as an awsJson1_1 request to
 * the console's `api/aws` route, which answers it with the endpoint's own wire handler.
 */

/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call --
   The page reads the console server's JSON answers (`Json`) without a schema, as the tests do (see
   eslint.config.mjs): the server's shapes are checked by its own tests, and this file cannot import
   the server's types into a self-contained function. */
/** Starts the console on the current page. */
export function consoleApp(): void {
  type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  type Child = Node | string | null | undefined | false;
  interface Field {
    name: string;
    label: string;
    kind?: "text" | "textarea" | "checkbox" | "number";
    value?: string | boolean;
  }

  const tokenMeta = document.querySelector<HTMLMetaElement>('meta[name="console-token"]')!;
  /** The header that carries the server's token on every action (the server's CSRF check). */
  const tokenHeader = { [tokenMeta.dataset.header!]: tokenMeta.content };
  const byId = (id: string) => document.getElementById(id)!;
  const partitionSelect = byId("partition") as HTMLSelectElement;
  const otherRegion = byId("other-region") as HTMLInputElement;
  const filterKey = byId("filter-key") as HTMLSelectElement;
  const filterValue = byId("filter-value") as HTMLInputElement;
  const includeDeleted = byId("include-deleted") as HTMLInputElement;
  const feedConsole = byId("feed-console") as HTMLInputElement;
  const message = byId("message") as HTMLParagraphElement;
  const listBody = document.querySelector<HTMLTableSectionElement>("#secrets tbody")!;
  const detail = byId("detail-pane");
  const feedBody = document.querySelector<HTMLTableSectionElement>("#feed tbody")!;

  const view = {
    accountId: "",
    region: "",
    manualClock: false,
    selected: undefined as string | undefined,
    revealed: new Map<string, string>(),
    openForm: undefined as string | undefined,
    /** The open form, kept across redraws so that a change elsewhere doesn't wipe what is typed. */
    form: undefined as { key: string; node: HTMLElement | string } | undefined,
  };

  class AwsError extends Error {
    constructor(
      readonly code: string,
      message: string,
    ) {
      super(message);
    }
  }

  /** An element with text children (strings become text nodes: never parsed as HTML). */
  function el<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    props: Record<string, string> = {},
    ...children: Child[]
  ): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === "text") node.textContent = v;
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
    return node;
  }

  function button(label: string, onClick: () => void, props: Record<string, string> = {}): HTMLButtonElement {
    const b = el("button", { type: "button", ...props, text: label });
    b.addEventListener("click", onClick);
    return b;
  }

  function date(epochSeconds: unknown): string {
    return typeof epochSeconds === "number" ? new Date(epochSeconds * 1000).toISOString().replace(".000Z", "Z") : "";
  }

  /** An AWS error as the user sees it: `Code: message`. */
  function errorText(e: unknown): string {
    return e instanceof AwsError ? `${e.code}: ${e.message}` : String(e);
  }

  function show(text: string, kind: "error" | "info"): void {
    message.textContent = text;
    message.className = kind;
    message.hidden = false;
  }

  /** Operations whose ClientRequestToken an SDK fills in (the endpoint requires it of raw requests). */
  const IDEMPOTENT = ["CreateSecret", "PutSecretValue", "UpdateSecret", "RotateSecret"];

  async function aws(operation: string, input: Json): Promise<Json> {
    if (IDEMPOTENT.includes(operation) && input.ClientRequestToken === undefined)
      input = { ...input, ClientRequestToken: crypto.randomUUID() };
    const query = new URLSearchParams({ accountId: view.accountId, region: view.region });
    const res = await fetch(`api/aws?${query}`, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `secretsmanager.${operation}`, ...tokenHeader },
      body: JSON.stringify(input),
    });
    const body = (await res.json().catch(() => ({}))) as Json;
    if (!res.ok)
      throw new AwsError(
        String(body.__type ?? `HTTP ${res.status}`)
          .split("#")
          .pop()!,
        String(body.Message ?? body.message ?? body.error ?? ""),
      );
    return body;
  }

  async function post(path: string, body: Json = {}): Promise<Json> {
    const res = await fetch(`api/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...tokenHeader },
      body: JSON.stringify(body),
    });
    const out = (await res.json().catch(() => ({}))) as Json;
    if (!res.ok) throw new AwsError(`HTTP ${res.status}`, String(out.error ?? ""));
    return out;
  }

  async function getJson(path: string): Promise<Json> {
    const res = await fetch(path);
    return (await res.json()) as Json;
  }

  /** Runs an action; shows its AWS error (code and message) or that it was done, then redraws. */
  async function act(label: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (e) {
      show(errorText(e), "error");
      return;
    }
    view.openForm = undefined;
    await refresh();
    show(`${label}: done.`, "info");
  }

  /** A small form whose submit runs `submit` with the fields' values, as an action. */
  function actionForm(id: string, title: string, fields: Field[], submit: (values: Json) => Promise<unknown>): HTMLFormElement {
    const form = el("form", { class: "action", "data-form": id, "aria-label": title }, el("strong", { text: title }));
    const inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement>();
    for (const f of fields) {
      const input =
        f.kind === "textarea"
          ? el("textarea", { name: f.name })
          : el("input", { name: f.name, type: f.kind === "checkbox" ? "checkbox" : f.kind === "number" ? "number" : "text" });
      if (input instanceof HTMLInputElement && input.type === "checkbox") input.checked = f.value === true;
      else input.value = typeof f.value === "string" ? f.value : "";
      inputs.set(f.name, input);
      form.append(f.kind === "checkbox" ? el("label", { class: "check" }, input, f.label) : el("label", {}, f.label, input));
    }
    form.append(
      el(
        "div",
        { class: "actions" },
        el("button", { type: "submit", text: "Save" }),
        button("Cancel", () => {
          view.openForm = undefined;
          form.remove();
        }),
      ),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const values: Json = {};
      for (const [name, input] of inputs)
        values[name] = input instanceof HTMLInputElement && input.type === "checkbox" ? input.checked : input.value;
      void act(title, () => submit(values));
    });
    return form;
  }

  // ---- partitions, clock, tools

  async function loadInfo(): Promise<void> {
    const info = await getJson("api/info");
    if (view.region === "") {
      view.accountId = info.accountId;
      view.region = info.region;
    }
    view.manualClock = info.manualClock === true;
    const current = `${view.accountId}/${view.region}`;
    const options = (info.partitions as Json[]).map((p) => `${p.accountId}/${p.region}`);
    if (!options.includes(current)) options.push(current);
    partitionSelect.replaceChildren(...options.map((o) => el("option", { value: o, text: o })));
    partitionSelect.value = current;
    byId("clock").textContent = `Store time ${info.now}${view.manualClock ? " (ManualClock)" : ""}`;
    await loadSidecars();
    const tools = byId("tools");
    tools.replaceChildren(
      button("Create secret", () => openForm("create")),
      ...(view.manualClock ? [button("Advance clock", () => openForm("clock"))] : []),
      el("a", { href: "api/export", download: "secrets-manager-mock-state.json", text: "Export state" }),
      button("Reset", () => {
        if (confirm("Reset the store to how it started?")) void act("Reset", () => post("reset"));
      }),
    );
  }

  /** What each sidecar has cached (`GET /_mock/sidecars`): keys, versions, expiry; never values. */
  async function loadSidecars(): Promise<void> {
    const res = await fetch("../sidecars");
    if (!res.ok) return;
    const reports = ((await res.json()) as Json).sidecars as Json[];
    byId("sidecars-pane").hidden = reports.length === 0;
    const rows = reports.flatMap((r) =>
      (r.entries as Json[]).map((e) =>
        el(
          "tr",
          {},
          el("td", { text: String(r.sidecar) }),
          el("td", { text: String(e.secretId) }),
          el("td", { text: [e.versionId, e.versionStage].filter((v) => v !== undefined).join(" / ") }),
          el("td", { text: String(e.cachedVersionId) }),
          el("td", { text: String(e.expiresAt) }),
        ),
      ),
    );
    byId("sidecars")
      .querySelector("tbody")!
      .replaceChildren(...rows);
  }

  function openForm(id: string): void {
    view.openForm = id;
    void renderDetail();
  }

  // ---- the list

  async function loadList(): Promise<void> {
    const input: Json = { IncludePlannedDeletion: includeDeleted.checked, MaxResults: 100 };
    if (filterValue.value !== "") input.Filters = [{ Key: filterKey.value, Values: [filterValue.value] }];
    const secrets: Json[] = [];
    do {
      const page = await aws("ListSecrets", input);
      secrets.push(...(page.SecretList as Json[]));
      input.NextToken = page.NextToken;
    } while (input.NextToken !== undefined);
    const deletions = new Map<string, string>();
    if (includeDeleted.checked) {
      const query = new URLSearchParams({ accountId: view.accountId, region: view.region });
      for (const d of (await getJson(`api/deletions?${query}`)) as Json[]) deletions.set(d.arn, d.deletionDate);
    }
    listBody.replaceChildren(
      ...secrets.map((s) => {
        const deleted = s.DeletedDate !== undefined;
        const row = el(
          "tr",
          { class: `${deleted ? "deleted" : ""} ${s.ARN === view.selected ? "selected" : ""}`, "data-name": s.Name },
          el("td", { text: s.Name }),
          el("td", { text: s.Description ?? "" }),
          el("td", { text: date(s.LastChangedDate) }),
          el("td", { text: deleted ? (deletions.get(s.ARN) ?? date(s.DeletedDate)) : "" }),
        );
        row.addEventListener("click", () => {
          view.selected = s.ARN;
          view.revealed.clear();
          view.openForm = undefined;
          void refresh();
        });
        return row;
      }),
    );
    if (secrets.length === 0) listBody.append(el("tr", {}, el("td", { colspan: "4", class: "hint", text: "No secrets." })));
  }

  // ---- one secret

  function labels(stages: string[]): HTMLElement[] {
    return stages.map((s) => el("span", { class: "label", text: s }));
  }

  function pretty(value: string): string {
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === "object" && parsed !== null) return JSON.stringify(parsed, null, 2);
    } catch {
      // Not JSON: shown as it is.
    }
    return value;
  }

  async function renderDetail(): Promise<void> {
    const id = view.selected;
    if (id === undefined) {
      detail.replaceChildren(el("p", { class: "hint", text: "Choose a secret." }), formFor(undefined));
      return;
    }
    let s: Json;
    let versions: Json[];
    let policy: string | undefined;
    try {
      s = await aws("DescribeSecret", { SecretId: id });
      versions = (await aws("ListSecretVersionIds", { SecretId: id, IncludeDeprecated: true, MaxResults: 100 })).Versions as Json[];
      // A secret scheduled for deletion has no readable policy (AWS refuses the call).
      policy = s.DeletedDate === undefined ? (await aws("GetResourcePolicy", { SecretId: id })).ResourcePolicy : undefined;
    } catch (e) {
      view.selected = undefined;
      detail.replaceChildren(el("p", { class: "hint", text: errorText(e) }));
      return;
    }
    const deleted = s.DeletedDate !== undefined;
    const meta: [string, string][] = [
      ["ARN", s.ARN],
      ["Name", s.Name],
      ["Description", s.Description ?? ""],
      ["KMS key", s.KmsKeyId ?? "aws/secretsmanager"],
      ["Created", date(s.CreatedDate)],
      ["Last changed", date(s.LastChangedDate)],
      ["Last accessed", date(s.LastAccessedDate)],
      ["Deleted", date(s.DeletedDate)],
      ["Rotation", s.RotationEnabled ? `enabled, ${s.RotationLambdaARN ?? ""} ${JSON.stringify(s.RotationRules ?? {})}` : "disabled"],
      ["Last rotated", date(s.LastRotatedDate)],
      ["Next rotation", date(s.NextRotationDate)],
      ["Primary region", s.PrimaryRegion ?? ""],
      ["Owning service", s.OwningService ?? ""],
    ];
    const replicas = (s.ReplicationStatus ?? []) as Json[];
    const tags = (s.Tags ?? []) as Json[];
    detail.replaceChildren(
      el("h2", { text: s.Name }),
      el(
        "dl",
        {},
        ...meta.filter(([, v]) => v !== "").flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { "data-field": k, text: v })]),
      ),
      el(
        "div",
        { class: "actions" },
        ...(deleted
          ? [button("Restore", () => void act("Restore", () => aws("RestoreSecret", { SecretId: id })))]
          : [
              button("Edit description", () => openForm("description")),
              button("Edit encryption key", () => openForm("kms")),
              button("Edit value", () => openForm("value")),
              button("Edit rotation", () => openForm("rotation")),
              button("Rotate now", () => void act("Rotate now", () => aws("RotateSecret", { SecretId: id }))),
              button("Edit permissions", () => openForm("policy")),
              button("Replicate", () => openForm("replicate")),
              button("Move label", () => openForm("label")),
              button("Add tag", () => openForm("tag")),
              button("Delete", () => openForm("delete")),
            ]),
      ),
      formFor(s, policy),
      el("h3", { text: "Versions" }),
      el(
        "table",
        { id: "versions" },
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            el("th", { text: "Version" }),
            el("th", { text: "Labels" }),
            el("th", { text: "Created" }),
            el("th", { text: "Value" }),
          ),
        ),
        el(
          "tbody",
          {},
          ...versions.map((v) => {
            const stages = (v.VersionStages ?? []) as string[];
            const shown = view.revealed.get(v.VersionId);
            const valueCell = el("td", {});
            if (shown !== undefined) {
              valueCell.append(
                el("pre", { "data-value": v.VersionId, text: shown }),
                button("Hide", () => {
                  view.revealed.delete(v.VersionId);
                  void renderDetail();
                }),
              );
            } else if (stages.length > 0 && !deleted) {
              valueCell.append(button("Reveal", () => void reveal(id, v.VersionId), { "data-reveal": v.VersionId }));
            } else {
              valueCell.append(el("span", { class: "hint", text: stages.length === 0 ? "deprecated (no label; AWS may remove it)" : "" }));
            }
            return el(
              "tr",
              { "data-version": v.VersionId, class: stages.length === 0 ? "deprecated" : "" },
              el("td", { text: v.VersionId }),
              el("td", {}, ...(stages.length === 0 ? [el("span", { class: "deprecated", text: "deprecated" })] : labels(stages))),
              el("td", { text: date(v.CreatedDate) }),
              valueCell,
            );
          }),
        ),
      ),
      el("h3", { text: "Tags" }),
      tags.length === 0
        ? el("p", { class: "hint", text: "No tags." })
        : el(
            "table",
            { id: "tags" },
            el(
              "tbody",
              {},
              ...tags.map((t) =>
                el(
                  "tr",
                  {},
                  el("td", { text: t.Key }),
                  el("td", { text: t.Value ?? "" }),
                  el(
                    "td",
                    {},
                    !deleted &&
                      button("Remove", () => void act("Remove tag", () => aws("UntagResource", { SecretId: id, TagKeys: [t.Key] })), {
                        "data-untag": t.Key,
                      }),
                  ),
                ),
              ),
            ),
          ),
      el("h3", { text: "Replicas" }),
      replicas.length === 0
        ? el("p", { class: "hint", text: "Not replicated." })
        : el(
            "table",
            { id: "replicas" },
            el(
              "tbody",
              {},
              ...replicas.map((r) =>
                el(
                  "tr",
                  { "data-replica": r.Region },
                  el("td", { text: r.Region }),
                  el("td", { text: r.Status ?? "" }),
                  el("td", { text: r.KmsKeyId ?? "aws/secretsmanager" }),
                  el(
                    "td",
                    {},
                    button("Edit encryption key", () => openForm(`replica-kms:${r.Region}`)),
                    button(
                      "Remove",
                      () =>
                        void act("Remove replica", () =>
                          aws("RemoveRegionsFromReplication", { SecretId: id, RemoveReplicaRegions: [r.Region] }),
                        ),
                    ),
                  ),
                ),
              ),
            ),
          ),
      el("h3", { text: "Resource policy" }),
      policy === undefined ? el("p", { class: "hint", text: "No resource policy." }) : el("pre", { id: "policy", text: pretty(policy) }),
    );
  }

  async function reveal(id: string, versionId: string): Promise<void> {
    try {
      const out = await aws("GetSecretValue", { SecretId: id, VersionId: versionId });
      view.revealed.set(versionId, out.SecretString !== undefined ? pretty(out.SecretString) : `(binary, base64) ${out.SecretBinary}`);
    } catch (e) {
      show(errorText(e), "error");
      return;
    }
    await renderDetail();
  }

  /** The form of the open action, if any (the same element while the same action stays open). */
  function formFor(s: Json | undefined, policy?: string): HTMLElement | string {
    const key = `${view.openForm ?? ""} ${s?.ARN ?? ""}`;
    if (view.form?.key !== key) view.form = { key, node: buildForm(s, policy) };
    return view.form.node;
  }

  function buildForm(s: Json | undefined, policy: string | undefined): HTMLElement | string {
    const which = view.openForm;
    if (which === "create") {
      return actionForm(
        "create",
        "Create secret",
        [
          { name: "Name", label: "Name" },
          { name: "Description", label: "Description" },
          { name: "SecretString", label: "Secret value", kind: "textarea" },
          { name: "KmsKeyId", label: "KMS key (empty: aws/secretsmanager)" },
        ],
        async (v) => {
          const out = await aws("CreateSecret", {
            Name: v.Name,
            SecretString: v.SecretString,
            ...(v.Description !== "" && { Description: v.Description }),
            ...(v.KmsKeyId !== "" && { KmsKeyId: v.KmsKeyId }),
          });
          view.selected = out.ARN;
        },
      );
    }
    if (which === "clock") {
      return actionForm(
        "clock",
        "Advance clock",
        [
          { name: "days", label: "Days", kind: "number", value: "0" },
          { name: "hours", label: "Hours", kind: "number", value: "0" },
          { name: "minutes", label: "Minutes", kind: "number", value: "0" },
        ],
        (v) => post("clock", { days: Number(v.days), hours: Number(v.hours), minutes: Number(v.minutes) }),
      );
    }
    if (s === undefined || which === undefined) return "";
    const id = s.ARN as string;
    switch (which) {
      case "description":
        return actionForm(
          which,
          "Edit description",
          [{ name: "Description", label: "Description", kind: "textarea", value: s.Description ?? "" }],
          (v) => aws("UpdateSecret", { SecretId: id, Description: v.Description }),
        );
      case "kms":
        return actionForm(
          which,
          "Edit encryption key",
          [{ name: "KmsKeyId", label: "KMS key id, ARN or alias", value: s.KmsKeyId ?? "" }],
          (v) => aws("UpdateSecret", { SecretId: id, KmsKeyId: v.KmsKeyId }),
        );
      case "value": {
        const form = actionForm(
          which,
          "Edit value",
          [{ name: "SecretString", label: "New value (becomes AWSCURRENT; the old one stays as AWSPREVIOUS)", kind: "textarea" }],
          (v) => aws("PutSecretValue", { SecretId: id, SecretString: v.SecretString }),
        );
        // Retrieve the current value to edit (the procedure's "Retrieve secret value", then "Edit").
        aws("GetSecretValue", { SecretId: id }).then(
          (out) => {
            const area = form.querySelector("textarea")!;
            if (area.value === "" && typeof out.SecretString === "string") area.value = pretty(out.SecretString);
          },
          () => undefined,
        );
        return form;
      }
      case "rotation":
        return el(
          "div",
          {},
          actionForm(
            which,
            "Edit rotation",
            [
              { name: "RotationLambdaARN", label: "Rotation function ARN", value: s.RotationLambdaARN ?? "" },
              {
                name: "ScheduleExpression",
                label: "Schedule (e.g. rate(30 days) or cron(0 4 * * ? *))",
                value: s.RotationRules?.ScheduleExpression ?? "",
              },
              {
                name: "AutomaticallyAfterDays",
                label: "Or: every N days",
                kind: "number",
                value: s.RotationRules?.AutomaticallyAfterDays?.toString() ?? "",
              },
              { name: "RotateImmediately", label: "Rotate immediately", kind: "checkbox", value: false },
            ],
            (v) => {
              const rules: Json = {};
              if (v.ScheduleExpression !== "") rules.ScheduleExpression = v.ScheduleExpression;
              if (v.AutomaticallyAfterDays !== "") rules.AutomaticallyAfterDays = Number(v.AutomaticallyAfterDays);
              return aws("RotateSecret", {
                SecretId: id,
                RotateImmediately: v.RotateImmediately,
                ...(Object.keys(rules).length > 0 && { RotationRules: rules }),
                ...(v.RotationLambdaARN !== "" && { RotationLambdaARN: v.RotationLambdaARN }),
              });
            },
          ),
          s.RotationEnabled &&
            button("Turn rotation off", () => void act("Turn rotation off", () => aws("CancelRotateSecret", { SecretId: id }))),
        );
      case "policy":
        return el(
          "div",
          {},
          actionForm(
            which,
            "Edit permissions",
            [
              {
                name: "ResourcePolicy",
                label: "Resource policy (JSON)",
                kind: "textarea",
                value: policy === undefined ? "" : pretty(policy),
              },
            ],
            (v) => aws("PutResourcePolicy", { SecretId: id, ResourcePolicy: v.ResourcePolicy }),
          ),
          policy !== undefined &&
            button("Delete policy", () => void act("Delete policy", () => aws("DeleteResourcePolicy", { SecretId: id }))),
        );
      case "replicate":
        return actionForm(
          which,
          "Replicate",
          [
            { name: "Region", label: "Region" },
            { name: "KmsKeyId", label: "KMS key in that region (empty: aws/secretsmanager)" },
            { name: "Force", label: "Overwrite a secret with the same name there", kind: "checkbox", value: false },
          ],
          (v) =>
            aws("ReplicateSecretToRegions", {
              SecretId: id,
              AddReplicaRegions: [{ Region: v.Region, ...(v.KmsKeyId !== "" && { KmsKeyId: v.KmsKeyId }) }],
              ForceOverwriteReplicaSecret: v.Force,
            }),
        );
      case "label": {
        const holders = s.VersionIdsToStages as Json;
        return actionForm(
          which,
          "Move label",
          [
            { name: "VersionStage", label: "Label", value: "AWSCURRENT" },
            { name: "MoveToVersionId", label: "To version (empty: remove the label)" },
          ],
          (v) => {
            const from = Object.keys(holders).find((vid) => (holders[vid] as string[]).includes(v.VersionStage));
            return aws("UpdateSecretVersionStage", {
              SecretId: id,
              VersionStage: v.VersionStage,
              ...(v.MoveToVersionId !== "" && { MoveToVersionId: v.MoveToVersionId }),
              ...(from !== undefined && { RemoveFromVersionId: from }),
            });
          },
        );
      }
      case "tag":
        return actionForm(
          which,
          "Add tag",
          [
            { name: "Key", label: "Key" },
            { name: "Value", label: "Value" },
          ],
          (v) => aws("TagResource", { SecretId: id, Tags: [{ Key: v.Key, Value: v.Value }] }),
        );
      case "delete":
        return actionForm(
          which,
          "Delete",
          [
            { name: "RecoveryWindowInDays", label: "Recovery window (days, 7-30)", kind: "number", value: "30" },
            { name: "Force", label: "Delete now, without recovery", kind: "checkbox", value: false },
          ],
          (v) =>
            aws(
              "DeleteSecret",
              v.Force
                ? { SecretId: id, ForceDeleteWithoutRecovery: true }
                : { SecretId: id, RecoveryWindowInDays: Number(v.RecoveryWindowInDays) },
            ),
        );
    }
    if (which.startsWith("replica-kms:")) {
      const region = which.slice("replica-kms:".length);
      return actionForm(
        which,
        `Edit encryption key of the replica in ${region}`,
        [{ name: "KmsKeyId", label: "KMS key in that region (empty: aws/secretsmanager)" }],
        async (v) => {
          // The API has no call that changes a replica's key: replace the replica, and put the old
          // one back when the new one is refused.
          const old = ((s.ReplicationStatus ?? []) as Json[]).find((r) => r.Region === region);
          const replica = (kmsKeyId: string | undefined) =>
            aws("ReplicateSecretToRegions", {
              SecretId: id,
              AddReplicaRegions: [{ Region: region, ...(kmsKeyId && { KmsKeyId: kmsKeyId }) }],
            });
          await aws("RemoveRegionsFromReplication", { SecretId: id, RemoveReplicaRegions: [region] });
          try {
            await replica(v.KmsKeyId);
          } catch (e) {
            await replica(old?.KmsKeyId);
            throw e;
          }
        },
      );
    }
    return "";
  }

  // ---- feed and live updates

  function addCall(c: Json): void {
    if (c.source === "console" && !feedConsole.checked) return;
    const row = el(
      "tr",
      { "data-operation": c.operation, "data-source": c.source },
      el("td", { text: String(c.at).slice(11, 23) }),
      el("td", { text: c.source }),
      el("td", { text: c.operation }),
      el("td", { text: c.secretId ?? "" }),
      el("td", { text: c.region }),
      el("td", { class: c.outcome === "ok" ? "ok" : "error", title: c.message ?? "", text: c.outcome }),
      el("td", { text: String(c.durationMs) }),
    );
    row.title = JSON.stringify(c.input);
    feedBody.prepend(row);
    while (feedBody.rows.length > 200) feedBody.deleteRow(-1);
  }

  async function loadFeed(): Promise<void> {
    feedBody.replaceChildren();
    for (const c of (await getJson("api/calls")) as Json[]) addCall(c);
  }

  let refreshing: Promise<void> | undefined;
  let again = false;
  /** Redraws everything from the store; calls that arrive meanwhile cause one more redraw. */
  async function refresh(): Promise<void> {
    if (refreshing !== undefined) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        again = false;
        try {
          await loadInfo();
          await loadList();
          await renderDetail();
        } catch (e) {
          show(errorText(e), "error");
        }
        // `again` is set by refresh() calls that arrive while this one awaits.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- see above
      } while (again);
    })();
    await refreshing;
    refreshing = undefined;
  }

  partitionSelect.addEventListener("change", () => {
    const [accountId, region] = partitionSelect.value.split("/");
    view.accountId = accountId!;
    view.region = region!;
    view.selected = undefined;
    void refresh();
  });
  otherRegion.addEventListener("change", () => {
    if (otherRegion.value.trim() === "") return;
    view.region = otherRegion.value.trim();
    view.selected = undefined;
    otherRegion.value = "";
    void refresh();
  });
  (byId("search") as HTMLFormElement).addEventListener("submit", (e) => e.preventDefault());
  filterValue.addEventListener("input", () => void refresh());
  filterKey.addEventListener("change", () => void refresh());
  includeDeleted.addEventListener("change", () => void refresh());
  feedConsole.addEventListener("change", () => void loadFeed());

  const events = new EventSource("api/events");
  events.addEventListener("call", (e) => addCall(JSON.parse((e as MessageEvent<string>).data) as Json));
  events.addEventListener("change", () => void refresh());

  void loadFeed();
  void refresh();
}
