// Valid TSX that the grammar rejects: no tracking call is touched, so nothing is reported.
vi.mock('./api', async (importOriginal) => ({ ...(await importOriginal<typeof import('./api')>()) }));
const Box = styled.div<{ wide: boolean }>`
  width: ${(p) => (p.wide ? 2 : 1)}px;
`;
type Handler = (string) => void;
export const Terms = ({ track }: { track: Handler }) => <p onClick={() => track('x')}>Terms & conditions</p>;
export const save = () => moesif.track('Saved', { 'saved.at': Date.now() });
