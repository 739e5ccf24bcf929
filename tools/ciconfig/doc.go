// Package ciconfig holds the repository's CI and CDN configuration to
// what it promises, in tests: every tool's version is set in one place
// and every consumer reads it or agrees with it (versions_test.go), and
// the workflows run .ci/run's one list of steps with actions pinned by
// commit (workflows_test.go). It has no code of its own; the files it
// checks are at the root of the repository and under .github/.
package ciconfig
