"""Forecast the next steps of noisy sine waves with a seq2seq GRU (float sequences in and out).

  python forecast.py --train_dir /tmp/forecast --nb_iters 60
  python forecast.py --train_dir /tmp/forecast --predict
"""

import argparse
import os
import sys

import numpy as np
import tensorflow as tf

try:
    # TF 1.0 moved these out of tf.nn: keep the old names working
    tf.nn.seq2seq = tf.contrib.legacy_seq2seq
    tf.nn.rnn_cell = tf.contrib.rnn
except AttributeError:
    print("tensorflow < 1.0: using tf.nn.seq2seq and tf.nn.rnn_cell")


def generate_x_y_data(batch_size, seq_length, rng):
    """Sine + cosine waves of random frequency and phase: past seq_length values -> next ones."""
    batch_x, batch_y = [], []
    for _ in range(batch_size):
        rand = rng.random_sample() * 2 * np.pi
        freq = 1.0 + rng.random_sample() * 2.0
        t = np.linspace(0.0 + rand, 3.0 * np.pi + rand, seq_length * 2)
        sig1 = np.sin(t * freq)
        sig2 = np.cos(t * freq)
        x1 = sig1[:seq_length]
        y1 = sig1[seq_length:]
        x2 = sig2[:seq_length]
        y2 = sig2[seq_length:]
        batch_x.append(np.array([x1, x2]).T)
        batch_y.append(np.array([y1, y2]).T)
    # shape: (seq_length, batch_size, output_dim)
    batch_x = np.array(batch_x).transpose((1, 0, 2))
    batch_y = np.array(batch_y).transpose((1, 0, 2))
    return batch_x, batch_y


def build_graph(seq_length, input_dim, output_dim, hidden_dim, layers_stacked_count, learning_rate, lambda_l2_reg):
    with tf.variable_scope('Seq2seq'):
        # Encoder: inputs
        enc_inp = [
            tf.placeholder(tf.float32, shape=(None, input_dim), name="inp_{}".format(t))
            for t in range(seq_length)
        ]
        # Decoder: expected outputs
        expected_sparse_output = [
            tf.placeholder(tf.float32, shape=(None, output_dim), name="expected_sparse_output_{}".format(t))
            for t in range(seq_length)
        ]
        # Give a "GO" token to the decoder, then the expected outputs shifted by one.
        dec_inp = [tf.zeros_like(enc_inp[0], dtype=np.float32, name="GO")] + enc_inp[:-1]

        cells = []
        for i in range(layers_stacked_count):
            with tf.variable_scope('RNN_{}'.format(i)):
                cells.append(tf.nn.rnn_cell.GRUCell(hidden_dim))
        cell = tf.nn.rnn_cell.MultiRNNCell(cells)

        # For reshaping the output dimensions of the seq2seq RNN:
        w_out = tf.Variable(tf.random_normal([hidden_dim, output_dim]), name="w_out")
        b_out = tf.Variable(tf.random_normal([output_dim]), name="b_out")

        dec_outputs, dec_memory = tf.nn.seq2seq.basic_rnn_seq2seq(enc_inp, dec_inp, cell)

        output_scale_factor = tf.Variable(1.0, name="Output_ScaleFactor")
        reshaped_outputs = [output_scale_factor * (tf.matmul(i, w_out) + b_out) for i in dec_outputs]

    with tf.variable_scope('Loss'):
        # L2 loss
        output_loss = 0
        for _y, _Y in zip(reshaped_outputs, expected_sparse_output):
            output_loss += tf.reduce_mean(tf.nn.l2_loss(_y - _Y))
        reg_loss = 0
        for tf_var in tf.trainable_variables():
            if not ("Bias" in tf_var.name or "Output_" in tf_var.name):
                reg_loss += tf.reduce_mean(tf.nn.l2_loss(tf_var))
        loss = output_loss + lambda_l2_reg * reg_loss

    with tf.variable_scope('Optimizer'):
        optimizer = tf.train.RMSPropOptimizer(learning_rate, decay=0.9, momentum=0.5)
        train_op = optimizer.minimize(loss)

    return dict(enc_inp=enc_inp, expected=expected_sparse_output, outputs=reshaped_outputs,
                loss=loss, output_loss=output_loss, train_op=train_op)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train_dir", default="/tmp/forecast")
    parser.add_argument("--seq_length", type=int, default=10)
    parser.add_argument("--batch_size", type=int, default=8)
    parser.add_argument("--hidden_dim", type=int, default=12)
    parser.add_argument("--layers_stacked_count", type=int, default=2)
    parser.add_argument("--learning_rate", type=float, default=0.01)
    parser.add_argument("--lambda_l2_reg", type=float, default=0.003)
    parser.add_argument("--nb_iters", type=int, default=60)
    parser.add_argument("--predict", action="store_true")
    args = parser.parse_args()

    tf.set_random_seed(0)
    rng = np.random.RandomState(0)
    g = build_graph(args.seq_length, 2, 2, args.hidden_dim, args.layers_stacked_count,
                    args.learning_rate, args.lambda_l2_reg)
    saver = tf.train.Saver()
    sess = tf.InteractiveSession()

    if not args.predict:
        sess.run(tf.global_variables_initializer())
        for t in range(args.nb_iters):
            X, Y = generate_x_y_data(args.batch_size, args.seq_length, rng)
            feed_dict = {g["enc_inp"][t]: X[t] for t in range(len(g["enc_inp"]))}
            feed_dict.update({g["expected"][t]: Y[t] for t in range(len(g["expected"]))})
            _, loss_t = sess.run([g["train_op"], g["output_loss"]], feed_dict)
            if t % 10 == 0 or t == args.nb_iters - 1:
                print("Step {}/{}, train loss: {:.4f}".format(t, args.nb_iters, loss_t))
                sys.stdout.flush()
        if not os.path.isdir(args.train_dir):
            os.makedirs(args.train_dir)
        print("saved " + saver.save(sess, os.path.join(args.train_dir, "forecast.ckpt")))
    else:
        saver.restore(sess, tf.train.latest_checkpoint(args.train_dir))
        X, Y = generate_x_y_data(1, args.seq_length, np.random.RandomState(42))
        feed_dict = {g["enc_inp"][t]: X[t] for t in range(args.seq_length)}
        outputs = np.array(sess.run([g["outputs"]], feed_dict)[0])
        print("predicted: " + " ".join("{:.3f}".format(v) for v in outputs[:, 0, 0]))
        print("expected:  " + " ".join("{:.3f}".format(v) for v in Y[:, 0, 0]))
        print("mse {:.4f}".format(float(np.mean((outputs - Y) ** 2))))


if __name__ == "__main__":
    main()
