int unrelated_helper(int x) {
  return x + 1;
}
