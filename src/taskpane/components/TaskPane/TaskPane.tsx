import {
  CounterBadge,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle1,
  Switch,
  Tab,
  TabList,
} from "@fluentui/react-components";
import { LocaleContext } from "../../i18n";
import { CheckPanel } from "../CheckPanel/CheckPanel";
import { EntryPanel } from "../EntryPanel/EntryPanel";
import { ErrorBar } from "../ErrorBar/ErrorBar";
import { ExplainPanel } from "../ExplainPanel/ExplainPanel";
import { ProgressPanel } from "../ProgressPanel/ProgressPanel";
import { RankPanel } from "../RankPanel/RankPanel";
import { RulesCard } from "../RulesCard/RulesCard";
import { SetPanel } from "../SetPanel/SetPanel";
import { buildStepProgress } from "../../controller/usePaneController";
import type { TaskPaneProps } from "./TaskPane.types";
import { TABS, useTaskPane } from "./useTaskPane";
import { useTaskPaneStyles } from "./useTaskPaneStyles.styles";

/** The whole pane: title, language switch, the five tabs and errors as a MessageBar. */
export function TaskPane(props: TaskPaneProps) {
  const { t, errors } = useTaskPane(props);
  const styles = useTaskPaneStyles();
  const m = props.model;
  const a = m.actions;
  const placed = (place: typeof m.errorPlace) =>
    m.errorPlace === place && m.error !== null ? (
      <ErrorBar
        message={m.error}
        onDismiss={a.dismissError}
        {...(m.canRebuildAnyway
          ? { action: { label: t.rebuildAnyway, onClick: a.rebuildAnyway } }
          : m.canAdoptOlder
            ? { action: { label: t.adoptOlder, onClick: a.adoptOlder } }
            : {})}
      />
    ) : null;
  return (
    <LocaleContext.Provider value={m.locale}>
      <main className={styles.root} lang={m.locale} aria-busy={m.busy}>
        <header className={styles.header}>
          <Subtitle1 as="h1">{t.appTitle}</Subtitle1>
          <Switch
            label={t.languageSwitch}
            aria-label={t.languageSwitchLabel}
            checked={m.locale === "en"}
            onChange={(_, d) => a.setLocale(d.checked ? "en" : "vi")}
          />
        </header>
        {props.notice && (
          <MessageBar intent="info">
            <MessageBarBody>{props.notice}</MessageBarBody>
          </MessageBar>
        )}
        {/* Errors of one tab's actions show next to them (below); the rest here. */}
        <ErrorBar message={m.errorPlace === "pane" ? m.error : null} onDismiss={a.dismissError} />
        <TabList
          size="small"
          className={styles.tabs}
          selectedValue={m.tab}
          onTabSelect={(_, d) => a.setTab(d.value as (typeof TABS)[number])}
          aria-label={t.tabListLabel}
        >
          {TABS.map((id) => (
            <Tab key={id} value={id} id={`dti-tab-${id}`} aria-controls={`dti-panel-${id}`}>
              {t.tabs[id]}
              {id === "check" && errors > 0 && (
                <>
                  {" "}
                  <CounterBadge count={errors} color="danger" size="small" aria-hidden />
                </>
              )}
            </Tab>
          ))}
        </TabList>
        {m.busy && <Spinner size="tiny" label={t.busy} className={styles.spinner} />}
        <div
          className={styles.panel}
          role="tabpanel"
          id={`dti-panel-${m.tab}`}
          aria-labelledby={`dti-tab-${m.tab}`}
        >
          {m.tab === "set" && (
            <SetPanel
              profiles={m.profiles}
              profileId={m.profileId}
              onProfileChange={a.setProfile}
              onRecognizeSheet={a.recognizeSheet}
              onImportFile={a.importFile}
              onUseProfile={a.useProfile}
              loaded={m.loaded}
              confirmed={m.confirmed}
              onConfirm={a.confirm}
              onLayoutChange={a.changeLayout}
              scaleQuestion={m.scaleQuestion}
              busy={m.busy}
            />
          )}
          {m.tab === "set" && props.rules !== undefined && (
            <RulesCard {...props.rules} busy={m.busy} />
          )}
          {m.tab === "set" && m.confirmed && m.ready && (
            <EntryPanel
              entry={m.entry}
              groups={m.groups}
              onCreate={a.createEntrySheets}
              onImportForms={a.importForms}
              onOpenSheet={a.openSheet}
              busy={m.busy}
            />
          )}
          {m.tab === "check" && (
            <CheckPanel
              issues={m.issues}
              ready={m.ready}
              onGoTo={a.goTo}
              onFix={a.fix}
              onFixAll={a.fixAll}
              onRecheck={a.recheck}
              busy={m.busy}
              lastFix={m.lastFix}
              onUndo={a.undoFix}
            />
          )}
          {m.tab === "progress" && (
            <ProgressPanel
              ready={m.ready}
              progress={m.progress}
              onRefresh={a.refreshProgress}
              onGoTo={a.selectCell}
              busy={m.busy}
              errorBar={placed("progress")}
            />
          )}
          {m.tab === "rank" && (
            <RankPanel
              ready={m.ready}
              groups={m.groups}
              options={m.rankOptions}
              onOptionsChange={a.setRankOptions}
              sheets={m.sheets}
              onBuild={a.build}
              building={m.building}
              progress={m.buildStep ? buildStepProgress(m.buildStep).value : null}
              step={m.buildStep}
              result={m.rankResult}
              onOpenSheet={a.openSheet}
              onBuildAppendix={a.buildAppendix}
              pending={m.pendingBuild}
              onBuildAnyway={a.buildAnyway}
              onFixFirst={a.fixFirst}
              onGoTo={a.goTo}
              errorBar={placed("rank")}
            />
          )}
          {m.tab === "set" && placed("set")}
          {m.tab === "set" && placed("entry")}
          {m.tab === "check" && placed("check")}
          {m.tab === "explain" && <ExplainPanel state={m.explain} />}
        </div>
      </main>
    </LocaleContext.Provider>
  );
}
