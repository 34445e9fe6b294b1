import { convertToMultiStage } from '../../engine';
import { DIAGNOSTIC_SOURCE } from '../convert';
import type { Refactor } from './types';

/** Convert to a multi-stage build: a single-stage file split into a build stage and a final stage. */
export const convertRefactor: Refactor = {
  id: 'convertToMultiStage',
  snippets: true,
  offer: (_state, { model, diagnostics }) =>
    model.stages.length === 1 && convertToMultiStage(model) !== undefined
      ? {
          title: 'Convert to a multi-stage build (unsafe: review the change)',
          diagnostics: diagnostics.filter((d) => d.code === 'MultiStageRecommended' && d.source === DIAGNOSTIC_SOURCE),
        }
      : undefined,
  resolve: async (state, document, _line, title) => {
    const current = await state.settings.get(document.uri);
    const conversion = convertToMultiStage(state.analyses.model(document), { goBase: current.refactor.goBase });
    return conversion && { title, safety: 'unsafe', edits: conversion.edits };
  },
};
