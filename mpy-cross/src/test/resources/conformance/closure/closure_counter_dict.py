def make_bank():
    accounts = {}
    def open_acct(name):
        accounts[name] = 0
    def deposit(name, amt):
        accounts[name] += amt
        return accounts[name]
    def report():
        return sorted(accounts.items())
    return open_acct, deposit, report
o, d, r = make_bank()
o("ann"); o("bob")
d("ann", 10); d("bob", 5); d("ann", 2)
print(r())
