import { useCallback, useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useNavigate, useParams } from "react-router";
import { Background, MiniMap, ReactFlow, type Connection, type EdgeChange, type EdgeTypes, type NodeChange, type NodeTypes } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { isApiError } from "../../api/problem";
import type { ActivityDescriptor, DefinitionVersionDetail } from "../../api/types";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { Loaded } from "../../ui/Loading";
import { ActivityNode, type ActivityFlowNode, type NodeChangeMark } from "./ActivityNode";
import {
  activityCatalogQuery,
  definitionDocumentQuery,
  definitionListQuery,
  useApproveVersion,
  useCreateDraft,
  usePublishVersion,
  useReloadVersion,
  useRetireVersion,
  useSaveDraft,
  versionPositionsQuery,
} from "./api";
import { copyGroup, pasteGroup, type ActivityGroup } from "./activityGroup";
import { CompareVersions } from "./CompareVersions";
import {
  addActivity,
  asDefinitionDoc,
  connect,
  connectionKey,
  disconnect,
  problemsByActivity,
  removeActivities,
  renameActivity,
  updateActivity,
} from "./definitionModel";
import { DiagramControls } from "./DiagramControls";
import { DiagramToolbar } from "./DiagramToolbar";
import { placeNewActivity, placeUnpositioned, regionOf, tidyLayout, type Region } from "./diagramLayout";
import { downloadJson, readJsonFile } from "./download";
import { toEdges, useFlowNodes, withMeasuredSizes, type MeasuredSizes, type NodeMarks } from "./flowElements";
import { InstancesPanel } from "./InstancesPanel";
import { ApprovePanel, PublishPanel, RetirePanel } from "./LifecyclePanels";
import { MoveInstancesPanel } from "./MoveInstancesPanel";
import { OutcomeEdge } from "./OutcomeEdge";
import { ParametersTable } from "./ParametersTable";
import { PropertyPanel } from "./PropertyPanel";
import { Palette } from "./Palette";
import { ScenarioPanel } from "./ScenarioPanel";
import { useDocumentHistory, type DocumentEdit } from "./useDocumentHistory";
import { useUnsavedChangesGuard } from "./useUnsavedChangesGuard";
import { useValidation } from "./useValidation";
import { VersionHistory } from "./VersionHistory";

const nodeTypes: NodeTypes = { activity: ActivityNode };
const edgeTypes: EdgeTypes = { outcome: OutcomeEdge };

export function DesignerPage() {
  const { definitionId = "", version = "1" } = useParams();
  const detail = useQuery(definitionDocumentQuery(definitionId, version));
  const catalog = useQuery(activityCatalogQuery());
  return (
    <Loaded query={detail}>
      {(d) => <Loaded query={catalog}>{(c) => <Designer key={`${d.definitionId}/${d.version}/${d.rowVersion}`} loaded={d} catalog={c} />}</Loaded>}
    </Loaded>
  );
}

type Notice = { kind: "ok" | "error" | "conflict"; text: string } | null;

/** The designer's tools, one open at a time below the diagram. */
type Tool = "compare" | "scenario" | "instances" | "move";

/** A lifecycle step being confirmed: each asks for its note or reason before it goes. */
type Step = "publish" | "approve" | "retire";

function Designer({ loaded, catalog }: { loaded: DefinitionVersionDetail; catalog: ActivityDescriptor[] }) {
  const navigate = useNavigate();
  const history = useDocumentHistory(() => {
    // An activity without a position (hand-written JSON, or one added to a file by hand) is placed on open.
    return placeUnpositioned(asDefinitionDoc(loaded.definition), new Map());
  });
  const { doc } = history;
  const [rowVersion, setRowVersion] = useState(Number(loaded.rowVersion));
  const [status, setStatus] = useState(loaded.status);
  const [dirty, setDirty] = useState(false);
  // The selected activities, the last selected last: it is the one the property panel shows.
  const [selection, setSelection] = useState<readonly string[]>([]);
  const selectedIds = useMemo(() => new Set(selection), [selection]);
  const selectedId = selection.at(-1) ?? null;
  const setSelectedId = useCallback((id: string | null) => setSelection(id ? [id] : []), []);
  const [copied, setCopied] = useState<ActivityGroup | null>(null);
  // What was just added or pasted, for the diagram to bring into view.
  const [added, setAdded] = useState<Region | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [tool, setTool] = useState<Tool | null>(null);
  const [step, setStep] = useState<Step | null>(null);
  const [changeMarks, setChangeMarks] = useState<ReadonlyMap<string, NodeChangeMark>>(new Map());
  const [sizes, setSizes] = useState<MeasuredSizes>(() => new Map());
  const readOnly = status !== "draft";
  useUnsavedChangesGuard(dirty);

  const summaries = useQuery(definitionListQuery());
  const summary = summaries.data?.find((s) => s.definitionId === loaded.definitionId);
  const catalogByType = useMemo(() => new Map(catalog.map((a) => [a.type, a])), [catalog]);
  const { problems, checking } = useValidation(doc, loaded.problems);
  const problemMap = useMemo(() => problemsByActivity(problems), [problems]);
  const positions = useQuery({ ...versionPositionsQuery(loaded.definitionId, loaded.version), enabled: tool === "instances" || tool === "move" });
  const saveVersion = useSaveDraft(loaded.definitionId, loaded.version);
  const publishVersion = usePublishVersion(loaded.definitionId, loaded.version);
  const retireVersion = useRetireVersion(loaded.definitionId, loaded.version);
  const approveVersion = useApproveVersion(loaded.definitionId, loaded.version);
  const createDraft = useCreateDraft();
  const reloadVersion = useReloadVersion(loaded.definitionId, loaded.version);
  const marks = useMemo<NodeMarks>(
    () => ({
      changes: tool === "compare" ? changeMarks : undefined,
      instances: tool === "instances" && positions.data ? new Map(positions.data.map((p) => [p.activityId, Number(p.count)])) : undefined,
    }),
    [tool, changeMarks, positions.data],
  );
  const nodes = useFlowNodes(doc, catalogByType, problemMap, selectedIds, marks, sizes);
  const edges = useMemo(() => toEdges(doc), [doc]);

  const record = history.edit;
  const edit = useCallback<DocumentEdit>(
    (change, group) => {
      record(change, group);
      setDirty(true);
      setNotice(null);
    },
    [record],
  );
  /** Undo and redo change the document as an edit does: it differs from what was saved, or may. */
  const historyStep = (move: () => void) => () => {
    move();
    setDirty(true);
    setNotice(null);
  };

  const onNodesChange = useCallback(
    (changes: NodeChange<ActivityFlowNode>[]) => {
      setSizes((known) => withMeasuredSizes(known, changes));
      for (const c of changes) {
        if (c.type === "select") setSelection((s) => [...s.filter((id) => id !== c.id), ...(c.selected ? [c.id] : [])]);
        if (c.type === "position" && c.position && !readOnly) {
          const position = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
          edit((d) => updateActivity(d, c.id, (a) => ({ ...a, position })), `move:${c.id}`);
        }
      }
      const removed = new Set(changes.filter((c) => c.type === "remove").map((c) => c.id));
      if (removed.size > 0 && !readOnly) edit((d) => removeActivities(d, removed));
    },
    [edit, readOnly],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const removed = new Set(changes.filter((c) => c.type === "remove").map((c) => c.id));
      if (removed.size > 0 && !readOnly) edit((d) => disconnect(d, removed));
    },
    [edit, readOnly],
  );
  const onConnect = useCallback(
    (c: Connection) => {
      if (!readOnly && c.sourceHandle) edit((d) => connect(d, { from: c.source, outcome: c.sourceHandle!, to: c.target }));
    },
    [edit, readOnly],
  );

  const paste = (group: ActivityGroup) => {
    const [next, ids] = pasteGroup(doc, group, sizes);
    edit(() => next);
    setSelection(ids);
    setAdded(regionOf(next.activities.filter((a) => ids.includes(a.id))));
  };

  const add = (type: string) => {
    const position = placeNewActivity(doc, selectedId, sizes);
    const [next, id] = addActivity(doc, type, position);
    setAdded(regionOf([{ id, type, position }]));
    edit(() => next);
    setSelectedId(id);
  };

  /** Runs a server action; failures stay on screen next to the document, which is never discarded. */
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setActionError(null);
    try {
      await action();
    } catch (e) {
      if (isApiError(e) && e.status === 409 && status === "draft") {
        setNotice({
          kind: "conflict",
          text: "Not saved: another administrator saved this draft after you opened it. Your changes are still here. Export them to keep a copy, then reload the draft to see theirs and apply your changes again.",
        });
      } else setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  // Each action's hook refreshes the version list (never the open version) before it answers.
  const saveDraft = async () => {
    const saved = await saveVersion.mutateAsync({ definition: doc, rowVersion });
    setRowVersion(Number(saved.rowVersion));
    setDirty(false);
    setNotice({ kind: "ok", text: "Draft saved." });
  };
  const save = () => run(saveDraft);

  /** The review is of the saved draft, so unsaved edits are saved before it opens. */
  const openPublish = () =>
    run(async () => {
      if (dirty) await saveDraft();
      setNotice(null);
      setStep("publish");
    });

  const livePublished = (version: string | number) => `Version ${version} is published: new patients start on it; running ones stay on their version.`;

  const publish = (changeNote: string) =>
    run(async () => {
      const asked = await publishVersion.mutateAsync(changeNote);
      setStatus(asked.status);
      setStep(null);
      setNotice({
        kind: "ok",
        text:
          asked.status === "awaiting-approval"
            ? `Version ${asked.version} awaits approval: it changes a clinical parameter, so a clinician or another administrator must approve it before it is live.`
            : livePublished(asked.version),
      });
    });

  const approve = (note: string) =>
    run(async () => {
      const approved = await approveVersion.mutateAsync(note);
      setStatus(approved.status);
      setStep(null);
      setNotice({ kind: "ok", text: `Approved. ${livePublished(approved.version)}` });
    });

  const retire = (reason: string) =>
    run(async () => {
      const retired = await retireVersion.mutateAsync(reason);
      setStatus(retired.status);
      setStep(null);
      setNotice({ kind: "ok", text: `Version ${retired.version} is ${status === "awaiting-approval" ? "withdrawn" : "retired"}.` });
    });

  const newDraft = () =>
    run(async () => {
      const draft = await createDraft.mutateAsync(doc);
      void navigate(`/designer/${draft.definitionId}/${draft.version}`);
    });

  const reload = async () => {
    if (dirty && !window.confirm("Discard your unsaved changes and load the saved draft?")) return;
    setDirty(false);
    await reloadVersion();
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const imported = asDefinitionDoc(await readJsonFile(file));
      if (imported.definitionId !== doc.definitionId)
        throw new Error(`The file is pathway "${imported.definitionId}", not "${doc.definitionId}": import it from the pathway list instead.`);
      edit(() => ({ ...imported, version: doc.version }));
    } catch (e) {
      setActionError(e);
    }
  };

  const selected = doc.activities.find((a) => a.id === selectedId);
  const toggle = (t: Tool) => setTool((open) => (open === t ? null : t));
  const definitionProblems = problems.filter((p) => !p.activityId);

  return (
    <div className="designer">
      <header className="designer-bar">
        <h1>
          {doc.name} <span className="muted">v{loaded.version}</span> <span className={`badge status-${status}`}>{status}</span>
          {dirty && <span className="badge badge-warn">unsaved changes</span>}
        </h1>
        <div className="toolbar" role="toolbar" aria-label="Pathway actions">
          {status === "draft" && (
            <>
              <button type="button" className="primary" onClick={save} disabled={busy || !dirty}>
                Save draft
              </button>
              <button
                type="button"
                onClick={openPublish}
                aria-pressed={step === "publish"}
                disabled={busy || checking || problems.length > 0}
                title={problems.length ? "Fix the problems first" : undefined}
              >
                Publish
              </button>
              <label className="button">
                Import JSON
                <input type="file" accept="application/json,.json" className="visually-hidden" onChange={(e) => void importFile(e.target.files?.[0])} />
              </label>
              <button type="button" onClick={() => void reload()} disabled={busy}>
                Reload
              </button>
            </>
          )}
          {status !== "draft" && (
            <button type="button" onClick={newDraft} disabled={busy}>
              Edit as new draft
            </button>
          )}
          {status === "awaiting-approval" && (
            <button type="button" aria-pressed={step === "approve"} onClick={() => setStep("approve")} disabled={busy}>
              Review and approve
            </button>
          )}
          {(status === "published" || status === "awaiting-approval") && (
            <button type="button" aria-pressed={step === "retire"} onClick={() => setStep("retire")} disabled={busy}>
              {status === "published" ? "Retire" : "Withdraw"}
            </button>
          )}
          <button type="button" onClick={() => downloadJson(`${doc.definitionId}.v${loaded.version}.json`, doc)}>
            Export JSON
          </button>
        </div>
        <div className="toolbar" role="toolbar" aria-label="Designer tools">
          <button type="button" aria-pressed={tool === "compare"} onClick={() => toggle("compare")}>
            Compare versions
          </button>
          <button type="button" aria-pressed={tool === "scenario"} onClick={() => toggle("scenario")}>
            Run scenario
          </button>
          {status !== "draft" && (
            <button type="button" aria-pressed={tool === "instances"} onClick={() => toggle("instances")}>
              Instances
            </button>
          )}
          {status !== "draft" && (
            <button type="button" aria-pressed={tool === "move"} onClick={() => toggle("move")}>
              Move instances
            </button>
          )}
        </div>
      </header>
      {notice && (
        <div
          className={`banner ${notice.kind === "ok" ? "banner-ok" : notice.kind === "conflict" ? "banner-warn" : "banner-error"}`}
          role={notice.kind === "ok" ? "status" : "alert"}
        >
          {notice.text}
        </div>
      )}
      <ErrorBanner error={actionError} />
      {step === "publish" && <PublishPanel loaded={loaded} doc={doc} busy={busy} onCancel={() => setStep(null)} onPublish={publish} />}
      {step === "approve" && <ApprovePanel loaded={loaded} doc={doc} busy={busy} onCancel={() => setStep(null)} onApprove={approve} />}
      {step === "retire" && <RetirePanel loaded={{ ...loaded, status }} busy={busy} onCancel={() => setStep(null)} onRetire={retire} />}
      <div className="designer-body">
        <Palette catalog={catalog} disabled={readOnly} onAdd={add} />
        <div className="canvas" aria-label="Pathway diagram">
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onPaneClick={() => setSelectedId(null)}
            nodesDraggable={!readOnly}
            nodesConnectable={!readOnly}
            deleteKeyCode={readOnly ? null : ["Delete", "Backspace"]}
            minZoom={0.1}
          >
            {!readOnly && (
              <DiagramToolbar
                onTidy={() => edit((d) => tidyLayout(d, sizes))}
                onUndo={history.canUndo ? historyStep(history.undo) : undefined}
                onRedo={history.canRedo ? historyStep(history.redo) : undefined}
                onCopy={selection.length > 0 ? () => setCopied(copyGroup(doc, selectedIds)) : undefined}
                onPaste={copied ? () => paste(copied) : undefined}
                reveal={added}
              />
            )}
            <Background />
            <DiagramControls />
            <MiniMap pannable zoomable />
          </ReactFlow>
        </div>
        {selected ? (
          <PropertyPanel
            key={selected.id}
            activity={selected}
            descriptor={catalogByType.get(selected.type)}
            problems={problemMap.get(selected.id) ?? []}
            readOnly={readOnly}
            onChange={(a) => edit((d) => updateActivity(d, selected.id, () => a), `activity:${selected.id}`)}
            onRename={(newId) => {
              edit((d) => renameActivity(d, selected.id, newId));
              setSelectedId(newId);
            }}
            connections={doc.connections}
            activities={doc.activities}
            onConnect={(outcome, to) =>
              edit((d) =>
                to
                  ? connect(d, { from: selected.id, outcome, to })
                  : disconnect(d, new Set(d.connections.filter((c) => c.from === selected.id && c.outcome === outcome).map(connectionKey))),
              )
            }
            onDelete={() => {
              edit((d) => removeActivities(d, new Set([selected.id])));
              setSelectedId(null);
            }}
          />
        ) : (
          <aside className="property-panel">
            <h2>Properties</h2>
            <p className="muted">Select an activity on the diagram to edit it.</p>
          </aside>
        )}
      </div>
      {tool === "compare" && <CompareVersions summary={summary} openVersion={Number(loaded.version)} current={doc} onMarks={setChangeMarks} />}
      {tool === "scenario" && <ScenarioPanel doc={doc} onSelectActivity={setSelectedId} />}
      {tool === "instances" && <InstancesPanel positions={positions} selectedId={selectedId} onSelectActivity={setSelectedId} />}
      {tool === "move" && <MoveInstancesPanel summary={summary} openVersion={Number(loaded.version)} doc={doc} positions={positions} />}
      <div className="designer-footer">
        <section aria-labelledby="problems-title" className="problems">
          <h2 id="problems-title">Problems {checking ? <span className="muted small">(checking…)</span> : <span className="badge">{problems.length}</span>}</h2>
          {problems.length === 0 && !checking ? (
            <p className="saved">No problems: this version can be published.</p>
          ) : (
            <ul className="plain" aria-live="polite">
              {problems.map((p, i) => (
                <li key={i}>
                  {p.activityId ? (
                    <button type="button" className="link" onClick={() => setSelectedId(p.activityId)}>
                      {p.activityId}
                    </button>
                  ) : (
                    "definition"
                  )}
                  : {p.field}: {p.message}
                </li>
              ))}
            </ul>
          )}
          {definitionProblems.length > 0 && <span className="visually-hidden">{definitionProblems.length} problems concern the whole definition.</span>}
        </section>
        <ParametersTable
          parameters={doc.parameters ?? []}
          problems={problems}
          readOnly={readOnly}
          onChange={(parameters) => edit((d) => ({ ...d, parameters }), "parameters")}
        />
        <VersionHistory summary={summary} openVersion={Number(loaded.version)} />
      </div>
    </div>
  );
}
