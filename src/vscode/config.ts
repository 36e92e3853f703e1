import * as vscode from 'vscode';
import { SETTINGS } from '../core/ids';
import type { Settings } from '../core/settings';
import { DEFAULT_SETTINGS, resolveDisplayLanguage } from '../core/settings';

/** Reads one setting, falling back to the default when a user value has the wrong type. */
export function setting<K extends keyof Settings>(key: K, scope?: vscode.ConfigurationScope): Settings[K] {
  const v = vscode.workspace.getConfiguration(SETTINGS.section, scope).get<Settings[K]>(key);
  const d = DEFAULT_SETTINGS[key];
  if (v === undefined || v === null || typeof v !== typeof d) return d;
  if (typeof d === 'object' && !Array.isArray(d)) return { ...d, ...(v as object) } as Settings[K];
  return v;
}

/** The language hover cards and views use. */
export function displayLanguage(): 'en' | 'zh' {
  return resolveDisplayLanguage(setting('displayLanguage'), vscode.env.language);
}

/** Fires when any OncoLex setting changes. */
export function onSettingsChanged(listener: (e: vscode.ConfigurationChangeEvent) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SETTINGS.section)) listener(e);
  });
}
