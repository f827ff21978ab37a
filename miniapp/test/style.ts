// Stylesheets are irrelevant to unit tests.
export default {};
