// Error markers on the designer's YAML editor. BlazorMonaco 3.0.0 has no C# wrapper for Monaco's
// editor.setModelMarkers, so this module calls it on the editor BlazorMonaco created (found by its element id).
// Plain ES module, served as a static web asset: no JavaScript build chain.
const owner = 'network-workflow';

export function setMarkers(editorId, problems) {
    const editor = window.blazorMonaco && window.blazorMonaco.editor ? window.blazorMonaco.editor.getEditor(editorId, true) : null;
    if (!editor || typeof monaco === 'undefined') {
        return false;
    }
    const model = editor.getModel();
    if (!model) {
        return false;
    }
    const lines = model.getLineCount();
    const markers = problems.map(p => {
        const line = Math.min(Math.max(1, p.line), lines);
        const end = model.getLineMaxColumn(line);
        const column = Math.min(Math.max(1, p.column), end);
        return {
            startLineNumber: line,
            startColumn: column,
            endLineNumber: line,
            // To the end of the line, so even a problem at the last column shows a squiggle.
            endColumn: Math.max(end, column + 1),
            message: p.message,
            code: p.code,
            severity: monaco.MarkerSeverity.Error,
        };
    });
    monaco.editor.setModelMarkers(model, owner, markers);
    return true;
}
